/*
 * config.c - the journal's settings (mjournal.ini) as a model.
 */
#include "mj_ini.h"
#include "mj_model.h"

#include <stdlib.h>
#include <string.h>

static const char *const known_keys[] = {
	"journal.name", "journal.owner", "journal.autocommit", "notes.allow-keys",
	"programme.key",
};

static int parse_bool(const char *text, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };

	for (size_t i = 0; i < MJ_ARRAY_SIZE(yes); i++) {
		if (mj_str_equal_nocase(text, strlen(text), yes[i])) {
			*out = true;
			return 0;
		}
		if (mj_str_equal_nocase(text, strlen(text), no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static void set_field(struct mj_field *f, const struct mj_ini_entry *e)
{
	free(f->text);
	f->text = mj_xstrdup(e->value);
	f->line = e->line;
	f->end_line = e->end_line;
}

void mj_config_parse(struct mj_config *out, const char *text, size_t len,
		     const char *file, struct mj_diags *diags)
{
	struct mj_ini ini = MJ_INI_INIT;

	memset(out, 0, sizeof(*out));
	out->autocommit = true;
	mj_ini_parse(&ini, text, len, file, MJ_RULE_JOURNAL_CONFIG, diags);
	for (size_t i = 0; i < ini.len; i++) {
		const struct mj_ini_entry *e = &ini.items[i];

		if (!mj_ini_key_is_known(e->section, e->key, known_keys,
					 MJ_ARRAY_SIZE(known_keys))) {
			mj_ini_warn_unknown(diags, file, MJ_RULE_JOURNAL_CONFIG, e);
		} else if (!strcmp(e->key, "name")) {
			set_field(&out->name, e);
		} else if (!strcmp(e->key, "owner")) {
			set_field(&out->owner, e);
		} else if (!strcmp(e->key, "key")) {
			set_field(&out->programme_key, e);
		} else if (!strcmp(e->key, "allow-keys")) {
			/* "mood, energy" or "mood energy" */
			char *copy = mj_xstrdup(e->value), *save = NULL;
			for (char *k = strtok_r(copy, ", \t", &save); k;
			     k = strtok_r(NULL, ", \t", &save))
				mj_strvec_push(&out->allow_keys, k);
			free(copy);
		} else if (parse_bool(e->value, &out->autocommit) < 0) {
			mj_diags_add(diags, file, e->line, 1, MJ_LEVEL_ERROR,
				     MJ_RULE_JOURNAL_CONFIG,
				     "autocommit must be true or false, not '%s'; "
				     "write one of them",
				     e->value);
		}
	}
	mj_ini_free(&ini);
}

void mj_config_free(struct mj_config *config)
{
	free(config->name.text);
	free(config->owner.text);
	free(config->programme_key.text);
	mj_strvec_free(&config->allow_keys);
	memset(config, 0, sizeof(*config));
}
