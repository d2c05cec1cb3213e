/*
 * ical.c - the agenda as an iCalendar feed (RFC 5545), written with libical.
 *
 * Every item is an all-day event.  Its UID is derived from the journal,
 * the relationship and the item (a meeting's UID stays while its day
 * moves), so a calendar that subscribes to the feed updates its events on
 * each import instead of adding them again.
 */
#include "mj_agenda.h"

#include <dlfcn.h>
#include <libical/ical.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The soname of the libical this is built with (Debian 12 and 13). */
#define ICAL_SONAME "libical.so.3"
_Static_assert(ICAL_MAJOR_VERSION == 3, "ICAL_SONAME names libical 3");

#define ICAL_FUNCTIONS(X) \
	X(icalcomponent_add_component) \
	X(icalcomponent_add_property) \
	X(icalcomponent_as_ical_string_r) \
	X(icalcomponent_free) \
	X(icalcomponent_new_vcalendar) \
	X(icalcomponent_new_vevent) \
	X(icalmemory_free_buffer) \
	X(icalproperty_new_calscale) \
	X(icalproperty_new_categories) \
	X(icalproperty_new_dtend) \
	X(icalproperty_new_dtstamp) \
	X(icalproperty_new_dtstart) \
	X(icalproperty_new_method) \
	X(icalproperty_new_prodid) \
	X(icalproperty_new_summary) \
	X(icalproperty_new_transp) \
	X(icalproperty_new_uid) \
	X(icalproperty_new_version) \
	X(icalproperty_new_x) \
	X(icalproperty_set_x_name) \
	X(icaltime_null_date) \
	X(icaltime_null_time) \
	X(icaltimezone_get_utc_timezone)

static struct {
#define ICAL_MEMBER(name) __typeof__(name) *name;
	ICAL_FUNCTIONS(ICAL_MEMBER)
#undef ICAL_MEMBER
} ical;

/* libical's functions, loaded on the first call; NULL, or why they
 * cannot be (caller frees). */
static char *ical_load(void)
{
	static bool loaded;
	void *lib;

	if (loaded)
		return NULL;
	lib = dlopen(ICAL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return mj_xasprintf("%s cannot be loaded (%s): install "
				    "libical3", ICAL_SONAME, dlerror());
#define ICAL_RESOLVE(name) \
	if (!(*(void **)&ical.name = dlsym(lib, #name))) { \
		dlclose(lib); \
		return mj_xasprintf("%s has no %s: install libical3", \
				    ICAL_SONAME, #name); \
	}
	ICAL_FUNCTIONS(ICAL_RESOLVE)
#undef ICAL_RESOLVE
	loaded = true;
	return NULL;
}

/* The hash of the parts, each with its NUL. */
static uint64_t uid_hash(const char *const *parts, size_t n)
{
	uint64_t h = MJ_HASH_SEED;

	for (size_t i = 0; i < n; i++)
		h = mj_hash(parts[i], strlen(parts[i]) + 1, h);
	return h;
}

/*
 * text as an iCalendar TEXT value may hold it: without the control
 * characters RFC 5545 forbids there (every C0 control but HTAB, and DEL)
 * and without C1 controls, which a terminal showing the feed would obey.
 * Every text the feed takes from a journal passes here.  Caller frees.
 */
static char *ics_text(const char *text)
{
	const unsigned char *u = (const unsigned char *)text;
	struct mj_buf out = MJ_BUF_INIT;

	mj_buf_adds(&out, "");
	for (size_t i = 0; u[i]; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
			continue;
		if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
			i++; /* U+0080 to U+009F */
			continue;
		}
		mj_buf_add(&out, text + i, 1);
	}
	return mj_buf_detach(&out);
}

static struct icaltimetype day_of(mj_date date)
{
	struct icaltimetype t = ical.icaltime_null_date();

	mj_date_to_ymd(date, &t.year, &t.month, &t.day);
	t.is_date = 1;
	return t;
}

static icalcomponent *event(const struct mj_agenda_item *item,
			    const char *journal_id, struct icaltimetype stamp)
{
	const char *parts[] = { journal_id, item->slug, item->key };
	char uid[128];
	char *words = item->owner ?
		mj_xasprintf("%s: %s: %s", item->slug, item->owner, item->text) :
		mj_xasprintf("%s: %s", item->slug, item->text);
	char *summary = ics_text(words);
	icalcomponent *ev = ical.icalcomponent_new_vevent();

	snprintf(uid, sizeof(uid), "%016llx-%s@mjournal",
		 (unsigned long long)uid_hash(parts, MJ_ARRAY_SIZE(parts)),
		 mj_agenda_kind_name(item->kind));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_uid(uid));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_dtstamp(stamp));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_dtstart(day_of(item->date)));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_dtend(day_of(item->date + 1)));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_summary(summary));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_categories(
		mj_agenda_kind_name(item->kind)));
	ical.icalcomponent_add_property(ev, ical.icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	free(words);
	free(summary);
	return ev;
}

char *mj_agenda_ics(const struct mj_agenda *agenda, const char *journal_id,
		    const char *calendar_name, mj_date today, char **why)
{
	icalcomponent *cal;
	struct icaltimetype stamp;
	icalproperty *name;
	char *text, *out, *shown;

	if ((*why = ical_load()))
		return NULL;
	cal = ical.icalcomponent_new_vcalendar();
	stamp = ical.icaltime_null_time();
	shown = ics_text(calendar_name);
	/* the feed's time stamp is the start of today, so that one day's
	 * feeds are the same bytes */
	mj_date_to_ymd(today, &stamp.year, &stamp.month, &stamp.day);
	stamp.zone = ical.icaltimezone_get_utc_timezone();
	ical.icalcomponent_add_property(cal, ical.icalproperty_new_prodid(
		"-//mjournal//mjournal " MJ_VERSION "//EN"));
	ical.icalcomponent_add_property(cal, ical.icalproperty_new_version("2.0"));
	ical.icalcomponent_add_property(cal, ical.icalproperty_new_calscale("GREGORIAN"));
	ical.icalcomponent_add_property(cal, ical.icalproperty_new_method(ICAL_METHOD_PUBLISH));
	name = ical.icalproperty_new_x(shown);
	ical.icalproperty_set_x_name(name, "X-WR-CALNAME");
	ical.icalcomponent_add_property(cal, name);
	for (size_t i = 0; i < agenda->len; i++)
		if (agenda->items[i].date >= today)
			ical.icalcomponent_add_component(cal, event(&agenda->items[i],
							       journal_id, stamp));
	text = ical.icalcomponent_as_ical_string_r(cal);
	out = text ? mj_xstrdup(text) : NULL;
	ical.icalmemory_free_buffer(text);
	ical.icalcomponent_free(cal);
	free(shown);
	if (!out)
		*why = mj_xstrdup("libical wrote no calendar");
	return out;
}
