/*
 * libFuzzer: INI values, written and read back (mj_ini_write_value,
 * mj_ini_read_value and the file reader), with their properties:
 *  - the input as a value: written, it reads back as it is, alone and as
 *    "key = value" in a file; it is refused only when it is not UTF-8 or
 *    holds a CR;
 *  - the input as a written value (the text after "key ="): when it reads,
 *    the value read, written again, reads back the same.
 */
#include "mj_ini.h"

#include "fuzz_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Can the value be written at all. */
static bool writable(const char *value)
{
	return mj_utf8_is_valid(value, strlen(value), NULL) &&
	       !strchr(value, '\r');
}

/* value written, then read alone and in a file: as it was. */
static void round_trip(const char *value)
{
	struct mj_buf text = MJ_BUF_INIT;
	struct mj_ini_span span;
	struct mj_ini ini = MJ_INI_INIT;
	struct mj_diags diags = MJ_DIAGS_INIT;
	size_t head;
	char *back = NULL;
	int rc;

	mj_buf_adds(&text, "[s]\nkey = ");
	head = text.len;
	rc = mj_ini_write_value(&text, value);
	check((rc == 0) == writable(value));
	if (rc == 0) {
		check(mj_ini_read_value(text.ptr + head, text.len - head, '\n',
					&back, &span) == 0);
		check(!strcmp(back, value));
		check(span.end == text.len - head && span.comment == span.end &&
		      !span.breaks);
		if (text.len - 4 <= MJ_INI_LINE_MAX) { /* a line read whole */
			mj_buf_adds(&text, "\n");
			check(mj_ini_parse(&ini, text.ptr, text.len, "x", "x",
					   &diags) == 0);
			check(ini.len == 1 && !strcmp(ini.items[0].value, value));
		}
	}
	free(back);
	mj_ini_free(&ini);
	mj_diags_free(&diags);
	mj_buf_free(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *input = mj_xstrndup((const char *)data, size), *value = NULL;
	struct mj_ini_span span;

	round_trip(input);
	if (mj_ini_read_value((const char *)data, size, '\n', &value,
			      &span) == 0) {
		check(span.end <= size && span.comment <= span.end);
		if (writable(value))
			round_trip(value);
	} else {
		check(!value && span.problem < size && span.end <= size);
	}
	free(value);
	free(input);
	return 0;
}
