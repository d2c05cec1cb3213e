/*
 * mj_util.h - memory, strings and growable buffers shared by every module.
 *
 * Allocation failure is not recoverable in a command-line tool: the x*
 * functions print one message and exit with status 2, as git's xmalloc does.
 */
#ifndef MJ_UTIL_H
#define MJ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define MJ_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *mj_xmalloc(size_t size);
void *mj_xcalloc(size_t count, size_t size);
/* A stream writing into *ptr (its length in *len), as open_memstream;
 * closed by mj_xmemstream_close.  Both exit when memory is out. */
FILE *mj_xmemstream(char **ptr, size_t *len);
void mj_xmemstream_close(FILE *f);
void *mj_xrealloc(void *ptr, size_t size);
/* Grow *items (of *cap elements of elem_size bytes) to hold at least need. */
void mj_grow(void **items, size_t *cap, size_t need, size_t elem_size);
char *mj_xstrdup(const char *s);
char *mj_xstrndup(const char *s, size_t len);
/* Caller frees the returned string. */
char *mj_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated once anything was added. */
struct mj_buf {
	char *ptr;
	size_t len;
	size_t cap;
};

#define MJ_BUF_INIT { NULL, 0, 0 }

void mj_buf_add(struct mj_buf *buf, const char *data, size_t len);
void mj_buf_adds(struct mj_buf *buf, const char *s);
void mj_buf_addf(struct mj_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void mj_buf_vaddf(struct mj_buf *buf, const char *fmt, va_list ap);
/* Hands the string to the caller (never NULL) and empties the buffer. */
char *mj_buf_detach(struct mj_buf *buf);
/*
 * Appends s with its control characters made visible, for a terminal:
 * C0 controls in caret form (ESC as ^[, BEL as ^G), DEL as ^?, C1 controls
 * (and stray bytes 0x80-0x9F) as \x9b.  With keep_lines, newline and tab
 * stay.  The journal's files are other people's input: nothing in them
 * may move the cursor, set the title or write the clipboard.
 */
void mj_buf_add_visible(struct mj_buf *buf, const char *s, bool keep_lines);
/* What mj_buf_add_visible_bytes keeps as it is, and how it ends. */
enum {
	MJ_VISIBLE_LINES = 1, /* newline and tab stay */
	MJ_VISIBLE_CRLF = 2,  /* a CR stays when LF follows it (CSV, ICS) */
	MJ_VISIBLE_MORE = 4,  /* more bytes follow: keep back what they end */
};
/*
 * Appends the n bytes at s (NUL bytes included: ^@) made visible as
 * mj_buf_add_visible does, with flags.  Returns how many it took: n, or
 * with MJ_VISIBLE_MORE all but a UTF-8 character or a CR that the end
 * cuts short, to be given again with the bytes that follow.
 */
size_t mj_buf_add_visible_bytes(struct mj_buf *buf, const char *s, size_t n,
				unsigned flags);
/* Would mj_buf_add_visible_bytes add s as it is (nothing made visible)? */
bool mj_text_is_visible(const char *s, size_t n, unsigned flags);
/*
 * Why text is not UTF-8 text, for a person ("is UTF-16 ...; save it as
 * UTF-8", "line 3 is not UTF-8 (byte 0xE9: Windows-1252 ...)"), with *line;
 * NULL when it is.  Caller frees.
 */
char *mj_encoding_problem(const char *text, size_t len, int *line);
/*
 * Text as editors save it, made plain: a UTF-8 byte-order mark (Windows
 * Notepad) dropped, and old Mac line endings (CR alone) turned into LF;
 * line numbers stay as they were.  NULL when text needs neither; else a
 * copy (*out_len bytes) the caller frees.
 */
char *mj_text_normalize(const char *text, size_t len, size_t *out_len);
/* The byte that ends text's lines as mjournal reads them: '\r' in an old
 * Mac file (CR alone, no LF anywhere), else '\n' (a CR before it is part
 * of the line ending). */
char mj_text_newline(const char *text, size_t len);
/*
 * Line number line (1-based) of text's len bytes, lines ending as
 * CommonMark ends them (LF, CRLF, or a CR alone), so that a line number
 * cmark gave finds its line: its start, and in *n its length without the
 * line ending.  NULL when text has no such line (one that would start at
 * the end of text, after its last line ending, is none).
 */
const char *mj_text_line(const char *text, size_t len, int line, size_t *n);
/* s made visible as mj_buf_add_visible does; caller frees. */
char *mj_visible(const char *s, bool keep_lines);
void mj_buf_free(struct mj_buf *buf);
/* v as 4 bytes, little-endian (mjournal's own files). */
void mj_buf_add_le32(struct mj_buf *buf, uint32_t v);
/* The 4 little-endian bytes at p. */
uint32_t mj_le32(const void *p);

/* A growable list of owned strings. */
struct mj_strvec {
	char **items;
	size_t len;
	size_t cap;
};

#define MJ_STRVEC_INIT { NULL, 0, 0 }

void mj_strvec_push(struct mj_strvec *vec, const char *s);
void mj_strvec_push_owned(struct mj_strvec *vec, char *s);
/* A copy of s put at index at (at most len), the items after it moved on. */
void mj_strvec_insert(struct mj_strvec *vec, size_t at, const char *s);
bool mj_strvec_contains(const struct mj_strvec *vec, const char *s);

/*
 * Records of size bytes, one per slot, zeroed, each slot filled by one
 * thread only: what a visitor of the journal (mj_journal_visit) keeps of
 * each relationship.  Its start calls mj_slots_start and its each fills
 * the record mj_slots_take gives; mj_slots_pack then moves the records
 * filled to the front, in slot order, and says how many there are (n
 * becomes that).  mj_slots_free frees the slots, not what records hold.
 */
struct mj_slots {
	void *records;
	bool *used;
	size_t n, size;
};
void mj_slots_start(struct mj_slots *slots, size_t n, size_t size);
void *mj_slots_take(struct mj_slots *slots, size_t slot);
size_t mj_slots_pack(struct mj_slots *slots);
void mj_slots_free(struct mj_slots *slots);
void mj_strvec_sort(struct mj_strvec *vec);
void mj_strvec_free(struct mj_strvec *vec);

bool mj_str_ends_with(const char *s, const char *suffix);
/* strcmp, with runs of digits compared as numbers: "Mentor 2" before
 * "Mentor 10". */
int mj_str_natural_cmp(const char *a, const char *b);
/* Case-insensitive ASCII comparison of s[0..len) with word. */
bool mj_str_equal_nocase(const char *s, size_t len, const char *word);
/* Returns s without leading and trailing ASCII white space, in place. */
char *mj_str_trim(char *s);
/*
 * The edit distance between a and b (optimal string alignment: a swap of
 * neighbours is one edit), bytes compared as they are.
 */
size_t mj_edit_distance(const char *a, const char *b);
/*
 * A checksum of a file's bytes, against a cut or damaged file (not against
 * an adversary): FNV-1a over 64-bit words, then over the remaining bytes.
 */
uint64_t mj_checksum(const void *data, size_t len);
/* 64-bit FNV-1a of len bytes: a quick hash, never against an adversary. */
uint64_t mj_hash(const void *data, size_t len, uint64_t seed);
#define MJ_HASH_SEED 14695981039346656037ull

/* A size for a person: "812 bytes", "5.2 KiB", "200 MiB", "3.0 GiB". */
void mj_format_size(uint64_t bytes, char *buf, size_t size);

/* s with ASCII letters in lower case, in place; returns s. */
char *mj_str_lower(char *s);

/* Is name a relationship slug: [a-z0-9][a-z0-9-]{0,62}. */
bool mj_slug_is_valid(const char *name);
/* Lower-case words of text joined by '-', at most max bytes; caller frees. */
char *mj_slugify(const char *text, size_t max);

/* Is the text valid UTF-8?  On failure *bad_offset is the first bad byte. */
bool mj_utf8_is_valid(const char *text, size_t len, size_t *bad_offset);
/* 1-based line number of byte offset in text, lines ended by LF, CRLF
 * or a lone CR. */
int mj_line_of_offset(const char *text, size_t offset);

/*
 * With MJOURNAL_TRACE set, says on stderr what a command did and when
 * ("mjournal: trace: 12.3 ms: ..."), counted from the first trace; the
 * profile of the README's performance section is made with it.
 */
void mj_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
