/*
 * util.c - memory, strings and growable buffers.
 */
#include "mj_util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void out_of_memory(void)
{
	fputs("mjournal: out of memory\n", stderr);
	exit(2);
}

void *mj_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

FILE *mj_xmemstream(char **ptr, size_t *len)
{
	FILE *f = open_memstream(ptr, len);
	if (!f)
		out_of_memory();
	return f;
}

void mj_xmemstream_close(FILE *f)
{
	if (fclose(f) != 0)
		out_of_memory();
}

void *mj_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *mj_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void mj_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elem_size)
			out_of_memory();
		n *= 2;
	}
	*items = mj_xrealloc(*items, n * elem_size);
	*cap = n;
}

char *mj_xstrdup(const char *s)
{
	return mj_xstrndup(s, strlen(s));
}

char *mj_xstrndup(const char *s, size_t len)
{
	char *p = mj_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *mj_xasprintf(const char *fmt, ...)
{
	struct mj_buf buf = MJ_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	mj_buf_vaddf(&buf, fmt, ap);
	va_end(ap);
	return mj_buf_detach(&buf);
}

static void buf_reserve(struct mj_buf *buf, size_t extra)
{
	if (buf->len + extra + 1 < buf->len)
		out_of_memory();
	mj_grow((void **)&buf->ptr, &buf->cap, buf->len + extra + 1, 1);
}

void mj_buf_add(struct mj_buf *buf, const char *data, size_t len)
{
	/* most adds are a few bytes into room already there */
	if (buf->cap - buf->len <= len)
		buf_reserve(buf, len);
	if (len == 1)
		buf->ptr[buf->len] = *data;
	else if (len)
		memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}

void mj_buf_adds(struct mj_buf *buf, const char *s)
{
	mj_buf_add(buf, s, strlen(s));
}

void mj_buf_vaddf(struct mj_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	buf_reserve(buf, (size_t)n);
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
}

void mj_buf_addf(struct mj_buf *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_buf_vaddf(buf, fmt, ap);
	va_end(ap);
}

char *mj_buf_detach(struct mj_buf *buf)
{
	char *p = buf->ptr ? buf->ptr : mj_xstrdup("");
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
	return p;
}

void mj_buf_free(struct mj_buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
}

void mj_strvec_push_owned(struct mj_strvec *vec, char *s)
{
	mj_grow((void **)&vec->items, &vec->cap, vec->len + 1, sizeof(char *));
	vec->items[vec->len++] = s;
}

void mj_strvec_push(struct mj_strvec *vec, const char *s)
{
	mj_strvec_push_owned(vec, mj_xstrdup(s));
}

void mj_strvec_insert(struct mj_strvec *vec, size_t at, const char *s)
{
	char *copy = mj_xstrdup(s);

	mj_strvec_push_owned(vec, copy);
	memmove(vec->items + at + 1, vec->items + at,
		(vec->len - 1 - at) * sizeof(*vec->items));
	vec->items[at] = copy;
}

bool mj_strvec_contains(const struct mj_strvec *vec, const char *s)
{
	for (size_t i = 0; i < vec->len; i++)
		if (!strcmp(vec->items[i], s))
			return true;
	return false;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void mj_strvec_sort(struct mj_strvec *vec)
{
	if (vec->len > 1)
		qsort(vec->items, vec->len, sizeof(char *), compare_strings);
}

void mj_strvec_free(struct mj_strvec *vec)
{
	for (size_t i = 0; i < vec->len; i++)
		free(vec->items[i]);
	free(vec->items);
	vec->items = NULL;
	vec->len = vec->cap = 0;
}

size_t mj_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	size_t *d = mj_xcalloc((n + 1) * (m + 1), sizeof(*d)), r;
#define D(i, j) d[(i) * (m + 1) + (j)]

	for (size_t i = 0; i <= n; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= m; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = D(i - 1, j - 1) + cost;
			if (D(i - 1, j) + 1 < best)
				best = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < best)
				best = D(i - 2, j - 2) + 1;
			D(i, j) = best;
		}
	r = D(n, m);
#undef D
	free(d);
	return r;
}

bool mj_str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

int mj_str_natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			const char *x = a, *y = b;
			size_t nx, ny;
			int c;

			while (*x == '0' && x[1] >= '0' && x[1] <= '9')
				x++;
			while (*y == '0' && y[1] >= '0' && y[1] <= '9')
				y++;
			for (a = x; *a >= '0' && *a <= '9'; a++)
				;
			for (b = y; *b >= '0' && *b <= '9'; b++)
				;
			nx = (size_t)(a - x);
			ny = (size_t)(b - y);
			if (nx != ny)
				return nx < ny ? -1 : 1;
			if ((c = memcmp(x, y, nx)))
				return c < 0 ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool mj_str_equal_nocase(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (ascii_lower((unsigned char)s[i]) != ascii_lower((unsigned char)word[i]))
			return false;
	return true;
}

static bool is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

uint64_t mj_hash(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

void mj_buf_add_le32(struct mj_buf *buf, uint32_t v)
{
	unsigned char bytes[4] = { (unsigned char)v, (unsigned char)(v >> 8),
				   (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
	mj_buf_add(buf, (const char *)bytes, 4);
}

uint32_t mj_le32(const void *p)
{
	const unsigned char *b = p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

uint64_t mj_checksum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ull;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 1099511628211ull;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

char *mj_str_lower(char *s)
{
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

char *mj_str_trim(char *s)
{
	size_t n;

	while (is_space((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && is_space((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static bool is_slug_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool mj_slug_is_valid(const char *name)
{
	size_t n = strlen(name);

	if (n < 1 || n > 63 || name[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_slug_char((unsigned char)name[i]))
			return false;
	return true;
}

char *mj_slugify(const char *text, size_t max)
{
	struct mj_buf buf = MJ_BUF_INIT;
	bool dash = false;

	for (const char *p = text; *p && buf.len < max; p++) {
		int c = ascii_lower((unsigned char)*p);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && buf.len)
				mj_buf_add(&buf, "-", 1);
			dash = false;
			char ch = (char)c;
			mj_buf_add(&buf, &ch, 1);
		} else {
			dash = true;
		}
	}
	while (buf.len && buf.ptr[buf.len - 1] == '-')
		buf.ptr[--buf.len] = '\0';
	return mj_buf_detach(&buf);
}

bool mj_utf8_is_valid(const char *text, size_t len, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		if (i + need >= len)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

int mj_line_of_offset(const char *text, size_t offset)
{
	int line = 1;
	for (size_t i = 0; i < offset; i++)
		if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
			line++; /* LF, CRLF, or CR alone (old Mac) */
	return line;
}

/* The length of the valid UTF-8 sequence at u, of which avail bytes are
 * there (0: not one; SIZE_MAX: a valid start that avail cuts short). */
static size_t utf8_length(const unsigned char *u, size_t avail)
{
	size_t len = u[0] >> 5 == 6 ? 2 : u[0] >> 4 == 14 ? 3 : u[0] >> 3 == 30 ? 4 : 0;

	for (size_t i = 1; i < len; i++) {
		if (i >= avail)
			return SIZE_MAX;
		if ((u[i] & 0xC0) != 0x80)
			return 0;
	}
	return len;
}

/* As mj_buf_add_visible_bytes; with buf NULL, only whether a byte would
 * be written otherwise (*changed), stopping at the first. */
static size_t visible_bytes(struct mj_buf *buf, const char *s, size_t n,
			    unsigned flags, bool *changed)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	*changed = false;
	while (i < n) {
		unsigned char c = u[i];
		size_t len, run = i;
		const char *as_is = NULL;
		char shown[8];

		/* a run of printable ASCII (and of the line's own bytes) is
		 * kept as it is, in one piece */
		while (run < n && ((u[run] >= 0x20 && u[run] < 0x7F) ||
				   ((flags & MJ_VISIBLE_LINES) &&
				    (u[run] == '\n' || u[run] == '\t'))))
			run++;
		if (run > i) {
			if (buf)
				mj_buf_add(buf, s + i, run - i);
			i = run;
			continue;
		}
		len = c < 0x80 ? 1 : utf8_length(u + i, n - i);
		if (len == SIZE_MAX || (c == '\r' && i + 1 == n)) {
			if (flags & MJ_VISIBLE_MORE)
				break; /* the rest comes with the next bytes */
			len = c == '\r' ? 1 : 0;
		}
		if ((flags & MJ_VISIBLE_LINES) && (c == '\n' || c == '\t'))
			as_is = s + i;
		else if ((flags & MJ_VISIBLE_CRLF) && c == '\r' && i + 1 < n &&
			 u[i + 1] == '\n')
			as_is = s + i;
		else if (c < 0x20)
			snprintf(shown, sizeof(shown), "^%c", c + 0x40); /* ESC: ^[ */
		else if (c == 0x7F)
			snprintf(shown, sizeof(shown), "^?");
		else if (len == 2 && c == 0xC2 && u[i + 1] <= 0x9F) /* a C1 */
			snprintf(shown, sizeof(shown), "\\x%02x", u[i + 1]);
		else if (!len && c <= 0x9F) /* a stray C1 byte */
			snprintf(shown, sizeof(shown), "\\x%02x", c);
		else
			as_is = s + i;
		if (!as_is) {
			*changed = true;
			if (!buf)
				return i;
			mj_buf_adds(buf, shown);
		} else if (buf) {
			mj_buf_add(buf, as_is, len ? len : 1);
		}
		i += len ? len : 1;
	}
	if (buf && !buf->ptr)
		mj_buf_adds(buf, "");
	return i;
}

size_t mj_buf_add_visible_bytes(struct mj_buf *buf, const char *s, size_t n,
				unsigned flags)
{
	bool changed;

	return visible_bytes(buf, s, n, flags, &changed);
}

bool mj_text_is_visible(const char *s, size_t n, unsigned flags)
{
	bool changed;

	visible_bytes(NULL, s, n, flags, &changed);
	return !changed;
}

void mj_buf_add_visible(struct mj_buf *buf, const char *s, bool keep_lines)
{
	mj_buf_add_visible_bytes(buf, s, strlen(s),
				 keep_lines ? MJ_VISIBLE_LINES : 0);
}

const char *mj_text_line(const char *text, size_t len, int line, size_t *n)
{
	const char *p = text, *end = text + len;
	size_t k;

	for (int at = 1;; at++) {
		for (k = 0; p + k < end && p[k] != '\n' && p[k] != '\r'; k++)
			;
		if (at == line) {
			*n = k;
			return p < end || line == 1 ? p : NULL;
		}
		if (p + k >= end)
			return NULL;
		p += k + (p[k] == '\r' && p + k + 1 < end && p[k + 1] == '\n' ? 2 : 1);
	}
}

char *mj_visible(const char *s, bool keep_lines)
{
	struct mj_buf buf = MJ_BUF_INIT;

	mj_buf_adds(&buf, "");
	mj_buf_add_visible(&buf, s, keep_lines);
	return mj_buf_detach(&buf);
}

char *mj_encoding_problem(const char *text, size_t len, int *line)
{
	const unsigned char *u = (const unsigned char *)text;
	const char *nul = memchr(text, '\0', len);
	size_t bad;

	*line = 1;
	/* a byte-order mark, or every other byte NUL: Notepad's "Unicode" */
	if ((len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
			  (u[0] == 0xFE && u[1] == 0xFF))) ||
	    (len >= 4 && ((!u[1] && !u[3] && u[0] && u[2]) ||
			  (!u[0] && !u[2] && u[1] && u[3]))))
		return mj_xstrdup("is UTF-16 (what Windows Notepad calls "
				  "\"Unicode\"); save it as UTF-8");
	if (nul) {
		*line = mj_line_of_offset(text, (size_t)(nul - text));
		return mj_xasprintf("line %d holds a NUL byte; save it as plain "
				    "text (UTF-8)", *line);
	}
	if (!mj_utf8_is_valid(text, len, &bad)) {
		*line = mj_line_of_offset(text, bad);
		return mj_xasprintf("line %d is not UTF-8 (byte 0x%02X: Windows-1252 "
				    "or Latin-1?); save it as UTF-8", *line,
				    u[bad]);
	}
	return NULL;
}

char mj_text_newline(const char *text, size_t len)
{
	return memchr(text, '\r', len) && !memchr(text, '\n', len) ? '\r' : '\n';
}

char *mj_text_normalize(const char *text, size_t len, size_t *out_len)
{
	bool bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
	bool cr_only = mj_text_newline(text, len) == '\r';
	char *out;

	if (!bom && !cr_only)
		return NULL;
	if (bom) {
		text += 3;
		len -= 3;
	}
	out = mj_xstrndup(text, len);
	for (size_t i = 0; cr_only && i < len; i++)
		if (out[i] == '\r')
			out[i] = '\n';
	*out_len = len;
	return out;
}

void mj_format_size(uint64_t bytes, char *buf, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double value = (double)bytes;
	size_t unit = 0;

	if (bytes < 1024) {
		snprintf(buf, size, "%u byte%s", (unsigned)bytes, bytes == 1 ? "" : "s");
		return;
	}
	for (value /= 1024; value >= 1024 && unit + 1 < MJ_ARRAY_SIZE(units); unit++)
		value /= 1024;
	/* one decimal below ten, none above or when whole: "5.2 MiB",
	 * "4 MiB", "200 MiB" */
	snprintf(buf, size, value < 10 && (double)(uint64_t)value != value ?
		 "%.1f %s" : "%.0f %s", value, units[unit]);
}

void mj_trace(const char *fmt, ...)
{
	static struct timespec first;
	const char *env = getenv("MJOURNAL_TRACE");
	struct timespec now;
	va_list ap;

	if (!env || !*env)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!first.tv_sec && !first.tv_nsec)
		first = now;
	fprintf(stderr, "mjournal: trace: %.1f ms: ",
		(double)(now.tv_sec - first.tv_sec) * 1e3 +
		(double)(now.tv_nsec - first.tv_nsec) / 1e6);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void mj_slots_start(struct mj_slots *slots, size_t n, size_t size)
{
	slots->records = mj_xcalloc(n + 1, size);
	slots->used = mj_xcalloc(n + 1, sizeof(*slots->used));
	slots->n = n;
	slots->size = size;
}

void *mj_slots_take(struct mj_slots *slots, size_t slot)
{
	slots->used[slot] = true;
	return (char *)slots->records + slot * slots->size;
}

size_t mj_slots_pack(struct mj_slots *slots)
{
	char *records = slots->records;
	size_t n = 0;

	for (size_t i = 0; i < slots->n; i++) {
		if (!slots->used[i])
			continue;
		slots->used[i] = false;
		slots->used[n] = true;
		if (n != i) {
			memcpy(records + n * slots->size, records + i * slots->size,
			       slots->size);
			memset(records + i * slots->size, 0, slots->size);
		}
		n++;
	}
	slots->n = n;
	return n;
}

void mj_slots_free(struct mj_slots *slots)
{
	free(slots->records);
	free(slots->used);
	memset(slots, 0, sizeof(*slots));
}
