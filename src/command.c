/*
 * command.c - parsing a command's arguments against its descriptor, and the
 * help, usage and "did you mean" written from it.
 */
#include "mj_command.h"
#include "mj_table.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const struct mj_option mj_common_options[] = {
	{ "C", 'C', MJ_ARG_DIR, "DIR", NULL, "run as if started in DIR", 0 },
	{ "help", 'h', MJ_ARG_NONE, NULL, NULL, "show this help", 0 },
	MJ_OPTIONS_END,
};

const struct mj_option mj_no_options[] = { MJ_OPTIONS_END };

/* Each option of cmd, then the common ones; index: its place in cmd's. */
#define FOR_EACH_OPTION(cmd, o, index) \
	for (size_t index = 0, pass_ = 0; pass_ < 2; pass_++, index = 0) \
		for (const struct mj_option *o = pass_ ? mj_common_options : \
		     (cmd)->options; o && o->name; o++, index++)

/* opt's place in cmd's own options, or -1 for a common option. */
static int option_index(const struct mj_command *cmd, const struct mj_option *opt)
{
	for (int i = 0; cmd->options[i].name; i++)
		if (&cmd->options[i] == opt)
			return i;
	return -1;
}

const struct mj_option *mj_command_option(const struct mj_command *cmd,
					  const char *name)
{
	FOR_EACH_OPTION(cmd, o, i) {
		(void)i;
		/* -C has no long form: "C" names it only here */
		if (!strcmp(o->name, name))
			return o;
	}
	return NULL;
}

static const struct mj_option *find_short(const struct mj_command *cmd, char c)
{
	FOR_EACH_OPTION(cmd, o, i) {
		(void)i;
		if (o->short_name == c)
			return o;
	}
	return NULL;
}

static const struct mj_option *find_long(const struct mj_command *cmd,
					 const char *name, size_t len)
{
	FOR_EACH_OPTION(cmd, o, i) {
		(void)i;
		if (o->short_name != 'C' && strlen(o->name) == len &&
		    !strncmp(o->name, name, len))
			return o;
	}
	return NULL;
}

/* Every long option of cmd as "--name", for suggestions; caller frees. */
static char **long_names(const struct mj_command *cmd)
{
	size_t n = 0, k = 0;
	char **names;

	FOR_EACH_OPTION(cmd, o, i) {
		(void)o;
		(void)i;
		n++;
	}
	names = mj_xcalloc(n + 1, sizeof(*names));
	FOR_EACH_OPTION(cmd, o, i) {
		(void)i;
		if (o->short_name != 'C')
			names[k++] = mj_xasprintf("--%s", o->name);
	}
	return names;
}

static void free_names(char **names)
{
	for (size_t i = 0; names[i]; i++)
		free(names[i]);
	free(names);
}

/* "a, b or c" from "a b c". */
static void add_choices(struct mj_buf *buf, const char *choices)
{
	const char *p = choices;

	while (*p) {
		size_t len = strcspn(p, " ");
		const char *next = p + len + (p[len] == ' ');
		mj_buf_add(buf, p, len);
		if (*next)
			mj_buf_adds(buf, strchr(next, ' ') ? ", " : " or ");
		p = next;
	}
}

static int choice_index(const char *choices, const char *value)
{
	const char *p = choices;
	size_t vlen = strlen(value);

	for (int i = 0; *p; i++) {
		size_t len = strcspn(p, " ");
		if (len == vlen && !strncmp(p, value, len))
			return i;
		p += len + (p[len] == ' ');
	}
	return -1;
}

/* The words of "a b c" as a NULL-terminated array; caller frees it and [0]. */
static char **split_words(const char *choices)
{
	char *copy = mj_xstrdup(choices), **words;
	size_t n = 1, k = 0;

	for (const char *p = choices; *p; p++)
		n += *p == ' ';
	words = mj_xcalloc(n + 1, sizeof(*words));
	for (char *save = NULL, *w = strtok_r(copy, " ", &save); w;
	     w = strtok_r(NULL, " ", &save))
		words[k++] = w;
	if (!k)
		free(copy);
	return words;
}

static int bad_choice(struct mj_buf *err, const char *what, const char *value,
		      const char *choices)
{
	char **words = split_words(choices);
	const char *near = mj_suggest(value, (const char *const *)words);

	mj_buf_addf(err, "unknown %s '%s'; ", what, value);
	if (near)
		mj_buf_addf(err, "did you mean '%s'? ", near);
	mj_buf_adds(err, "use ");
	add_choices(err, choices);
	if (words[0])
		free(words[0]);
	free(words);
	return -1;
}

static int fail(struct mj_buf *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail(struct mj_buf *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mj_buf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

/* A date as people say it (mj_date_parse_spoken), from today's date. */
static int spoken_date(mj_date *out, const char *text)
{
	mj_date today;

	if (mj_date_today(&today) < 0)
		today = MJ_DATE_NONE;
	return mj_date_parse_spoken(out, text, today);
}

/* Records opt's value (NULL for a flag), checked by its kind. */
static int take(struct mj_args *out, const struct mj_option *opt,
		const char *value, struct mj_buf *err)
{
	int i = option_index(out->cmd, opt);
	char *what;

	if (opt->short_name == 'h') {
		out->help = true;
		return 0;
	}
	if (opt->short_name == 'C') {
		out->chdir = value;
		return 0;
	}
	if (i < 0 || i >= MJ_MAX_OPTIONS)
		return fail(err, "--%s is not handled", opt->name);
	what = mj_xasprintf("--%s", opt->name);
	if (opt->kind == MJ_ARG_CHOICE && choice_index(opt->choices, value) < 0) {
		bad_choice(err, what, value, opt->choices);
		free(what);
		return -1;
	}
	if (opt->kind == MJ_ARG_DATE && spoken_date(&out->date[i], value) < 0) {
		fail(err, "%s '%s' is not a real date: give " MJ_DATE_FORMS,
		     what, value);
		free(what);
		return -1;
	}
	free(what);
	out->given[i] = true;
	out->value[i] = value ? value : "";
	if (opt->flags & MJ_OPT_REPEAT)
		mj_strvec_push(&out->values[i], value);
	return 0;
}

static int unknown_option(const struct mj_command *cmd, const char *arg,
			  size_t len, struct mj_buf *err)
{
	char **names = long_names(cmd), *typed = mj_xstrndup(arg, len);
	const char *near = arg[1] == '-' ?
		mj_suggest(typed, (const char *const *)names) : NULL;

	mj_buf_addf(err, "unknown option '%s'", typed);
	if (near)
		mj_buf_addf(err, "; did you mean '%s'?", near);
	free(typed);
	free_names(names);
	return -1;
}

static int needs_value(const struct mj_option *opt, struct mj_buf *err)
{
	return fail(err, "%s%s needs a value (%s)", opt->short_name == 'C' ? "-" :
		    "--", opt->name, opt->arg);
}

static int parse_long(struct mj_args *out, int argc, char *const *argv, int *i,
		      struct mj_buf *err)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct mj_option *opt = find_long(out->cmd, arg, len);

	if (!opt)
		return unknown_option(out->cmd, argv[*i], len + 2, err);
	if (opt->kind == MJ_ARG_NONE) {
		if (eq)
			return fail(err, "--%s takes no value", opt->name);
		return take(out, opt, NULL, err);
	}
	if (eq)
		return take(out, opt, eq + 1, err);
	if (*i + 1 >= argc)
		return needs_value(opt, err);
	return take(out, opt, argv[++*i], err);
}

/* -h, -C DIR, -CDIR, -m MSG, -mMSG; flags may be grouped. */
static int parse_short(struct mj_args *out, int argc, char *const *argv, int *i,
		       struct mj_buf *err)
{
	for (const char *p = argv[*i] + 1; *p; p++) {
		const struct mj_option *opt = find_short(out->cmd, *p);

		if (!opt) {
			char typed[3] = { '-', *p, 0 };
			return unknown_option(out->cmd, typed, 2, err);
		}
		if (opt->kind == MJ_ARG_NONE) {
			if (take(out, opt, NULL, err) < 0)
				return -1;
			continue;
		}
		if (p[1])
			return take(out, opt, p + 1, err);
		if (*i + 1 >= argc)
			return needs_value(opt, err);
		return take(out, opt, argv[++*i], err);
	}
	return 0;
}

static const char *how_many(unsigned n)
{
	static const char *const words[] = { "none", "one", "two", "three" };
	return n < MJ_ARRAY_SIZE(words) ? words[n] : "a few";
}

static int check_operands(const struct mj_args *out, struct mj_buf *err)
{
	const struct mj_command *cmd = out->cmd;
	size_t n = out->operands.len;

	if (n > cmd->max_operands) {
		if (!cmd->max_operands)
			return fail(err, "'%s' is not an option or argument of %s: "
				    "it takes none", out->operands.items[0],
				    cmd->name);
		return fail(err, "too many arguments: '%s' (%s takes at most %s %s)",
			    out->operands.items[cmd->max_operands], cmd->name,
			    how_many(cmd->max_operands), cmd->operand);
	}
	if (n < cmd->min_operands)
		return fail(err, "%s needs %s%s%s", cmd->name,
			    mj_command_takes_relationship(cmd) ?
			    "a relationship: " : "", cmd->operand,
			    mj_command_takes_relationship(cmd) ?
			    ", the name of its folder (or run it inside that "
			    "folder)" : "");
	if (cmd->operand_kind == MJ_ARG_CHOICE)
		for (size_t i = 0; i < n; i++)
			if (choice_index(cmd->operand_choices, out->operands.items[i]) < 0)
				return bad_choice(err, "argument", out->operands.items[i],
						  cmd->operand_choices);
	for (size_t i = 0; i < MJ_MAX_OPTIONS && cmd->options[i].name; i++)
		if ((cmd->options[i].flags & MJ_OPT_REQUIRED) && !out->given[i] &&
		    !out->help)
			return fail(err, "%s needs --%s %s", cmd->name,
				    cmd->options[i].name, cmd->options[i].arg);
	return 0;
}

int mj_args_read(struct mj_args *out, const struct mj_command *cmd, int argc,
		 char *const *argv, struct mj_buf *err)
{
	bool options = true;

	memset(out, 0, sizeof(*out));
	out->cmd = cmd;
	for (int i = 0; i < MJ_MAX_OPTIONS; i++)
		out->date[i] = MJ_DATE_NONE;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int rc = 0;

		if (options && !strcmp(arg, "--"))
			options = false;
		else if (options && arg[0] == '-' && arg[1] == '-')
			rc = parse_long(out, argc, argv, &i, err);
		else if (options && arg[0] == '-' && arg[1])
			rc = parse_short(out, argc, argv, &i, err);
		else
			mj_strvec_push(&out->operands, arg);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int mj_args_check(const struct mj_args *args, struct mj_buf *err)
{
	return args->help ? 0 : check_operands(args, err);
}

int mj_args_parse(struct mj_args *out, const struct mj_command *cmd, int argc,
		  char *const *argv, struct mj_buf *err)
{
	if (mj_args_read(out, cmd, argc, argv, err) < 0)
		return -1;
	return mj_args_check(out, err);
}

bool mj_command_takes_relationship(const struct mj_command *cmd)
{
	return cmd->operand_kind == MJ_ARG_SLUG ||
	       cmd->operand_kind == MJ_ARG_ACTIVE;
}

void mj_args_free(struct mj_args *args)
{
	for (size_t i = 0; i < MJ_MAX_OPTIONS; i++)
		mj_strvec_free(&args->values[i]);
	mj_strvec_free(&args->operands);
}

/* The index of option name in the command's table; a wrong name is a bug. */
static size_t index_of(const struct mj_args *args, const char *name)
{
	for (size_t i = 0; args->cmd->options[i].name; i++)
		if (!strcmp(args->cmd->options[i].name, name))
			return i;
	fprintf(stderr, "mjournal: BUG: %s has no option --%s\n", args->cmd->name,
		name);
	abort();
}

const char *mj_arg_value(const struct mj_args *args, const char *name)
{
	return args->value[index_of(args, name)];
}

bool mj_arg_given(const struct mj_args *args, const char *name)
{
	return args->given[index_of(args, name)];
}

mj_date mj_arg_date(const struct mj_args *args, const char *name,
		    mj_date otherwise)
{
	size_t i = index_of(args, name);
	return args->given[i] ? args->date[i] : otherwise;
}

const struct mj_strvec *mj_arg_values(const struct mj_args *args,
				      const char *name)
{
	return &args->values[index_of(args, name)];
}

int mj_arg_choice(const struct mj_args *args, const char *name)
{
	size_t i = index_of(args, name);
	return args->given[i] ? choice_index(args->cmd->options[i].choices,
					     args->value[i]) : 0;
}

const char *mj_suggest(const char *typo, const char *const *words)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, len = strlen(typo);
	bool tie = false;

	for (size_t i = 0; words[i]; i++) {
		size_t d = mj_edit_distance(typo, words[i]);
		if (d < best_d) {
			best = words[i];
			best_d = d;
			tie = false;
		} else if (d == best_d) {
			tie = true;
		}
	}
	if (!best || tie || best_d > 2 || 2 * best_d >= len)
		return NULL;
	return best;
}

/* " [--date DATE]", " --mentor P", " [--mentee P...]" */
static void usage_option(struct mj_buf *b, const struct mj_option *o)
{
	bool required = o->flags & MJ_OPT_REQUIRED;

	mj_buf_adds(b, required ? " " : " [");
	if (o->short_name && strlen(o->name) > 1)
		mj_buf_addf(b, "-%c|", o->short_name);
	mj_buf_addf(b, "--%s", o->name);
	if (o->kind != MJ_ARG_NONE)
		mj_buf_addf(b, " %s", o->arg);
	if (o->flags & MJ_OPT_REPEAT)
		mj_buf_adds(b, "...");
	if (!required)
		mj_buf_adds(b, "]");
}

char *mj_command_usage(const struct mj_command *cmd)
{
	struct mj_buf b = MJ_BUF_INIT;

	mj_buf_addf(&b, "mjournal %s", cmd->name);
	if (cmd->operand && cmd->max_operands) {
		bool optional = !cmd->min_operands;
		mj_buf_addf(&b, " %s%s%s%s", optional ? "[" : "", cmd->operand,
			    cmd->max_operands > 1 ? "..." : "", optional ? "]" : "");
	}
	for (const struct mj_option *o = cmd->options; o->name; o++)
		usage_option(&b, o);
	return mj_buf_detach(&b);
}

/* "    --date DATE         the session's date", wrapped. */
static void help_option(struct mj_buf *b, const struct mj_option *o,
			size_t width)
{
	struct mj_buf left = MJ_BUF_INIT;
	const size_t column = 24;

	if (o->short_name == 'C')
		mj_buf_adds(&left, "-C");
	else if (o->short_name)
		mj_buf_addf(&left, "-%c, --%s", o->short_name, o->name);
	else
		mj_buf_addf(&left, "--%s", o->name);
	if (o->kind != MJ_ARG_NONE)
		mj_buf_addf(&left, " %s", o->arg);
	mj_buf_addf(b, "    %s", left.ptr);
	if (4 + left.len + 2 > column)
		mj_buf_addf(b, "\n%*s", (int)column, "");
	else
		mj_buf_addf(b, "%*s", (int)(column - 4 - left.len), "");
	mj_wrap(b, o->help, column, column, width);
	mj_buf_adds(b, "\n");
	mj_buf_free(&left);
}

/* A no-break space (U+00A0): what keeps an option and its value together
 * while a usage is wrapped */
#define NO_BREAK "\xC2\xA0"

/* Does every line of text, the first from column at, fit in width. */
static bool lines_fit(const char *text, size_t at, size_t width)
{
	for (const char *p = text;; at = 0) {
		size_t len = strcspn(p, "\n");
		char *line = mj_xstrndup(p, len);
		bool fits = at + mj_text_width(line) <= width;

		free(line);
		if (!fits)
			return false;
		if (!p[len])
			return true;
		p += len + 1;
	}
}

void mj_command_usage_lines(const struct mj_command *cmd, size_t width,
			    struct mj_buf *b)
{
	char *usage = mj_command_usage(cmd);
	const char *rest = usage + strlen("mjournal ") + strlen(cmd->name);
	size_t at = strlen("usage: mjournal ") + strlen(cmd->name) + 1;
	struct mj_buf kept = MJ_BUF_INIT, wrapped = MJ_BUF_INIT;
	int depth = 0;

	if (width < 40)
		width = 40;
	mj_buf_addf(b, "usage: mjournal %s", cmd->name);
	if (*rest) {
		/* lines break before an option ("[--date DATE]", "--mentor
		 * PERSON"), never inside one, unless one is wider than the
		 * room there is */
		mj_buf_adds(&kept, "");
		for (const char *p = rest + 1; *p; p++) {
			depth += (*p == '[') - (*p == ']');
			if (*p == ' ' && (depth > 0 || !strchr("[-", p[1])))
				mj_buf_adds(&kept, NO_BREAK);
			else
				mj_buf_add(&kept, p, 1);
		}
		mj_buf_adds(&wrapped, "");
		mj_wrap(&wrapped, kept.ptr, at, at, width);
		if (!lines_fit(wrapped.ptr, at, width)) {
			mj_buf_free(&wrapped);
			mj_buf_adds(&wrapped, "");
			mj_wrap(&wrapped, rest + 1, at, at, width);
		}
		mj_buf_adds(b, " ");
		for (const char *p = wrapped.ptr; *p; p++) {
			if (!strncmp(p, NO_BREAK, strlen(NO_BREAK))) {
				mj_buf_adds(b, " ");
				p += strlen(NO_BREAK) - 1;
			} else {
				mj_buf_add(b, p, 1);
			}
		}
	}
	mj_buf_adds(b, "\n");
	mj_buf_free(&kept);
	mj_buf_free(&wrapped);
	free(usage);
}

void mj_command_help(const struct mj_command *cmd, size_t width, FILE *out)
{
	struct mj_buf b = MJ_BUF_INIT;

	if (width < 40)
		width = 40;
	mj_command_usage_lines(cmd, width, &b);
	mj_buf_adds(&b, "\n");
	mj_wrap(&b, cmd->summary, 0, 0, width);
	mj_buf_adds(&b, "\n\noptions:\n");
	FOR_EACH_OPTION(cmd, o, i) {
		(void)i;
		help_option(&b, o, width);
	}
	fputs(b.ptr, out);
	mj_buf_free(&b);
}

void mj_commands_help(const struct mj_command *const *cmds, size_t width,
		      FILE *out)
{
	struct mj_buf b = MJ_BUF_INIT;

	if (width < 40)
		width = 40;
	mj_buf_adds(&b, "usage: mjournal [-C DIR] [--no-pager] [--version] [--help] COMMAND "
		    "[ARGS]\n\nMentoring relationships as plain text in git.\n\n"
		    "commands:\n");
	for (size_t i = 0; cmds[i]; i++) {
		if (cmds[i]->hidden)
			continue;
		mj_buf_addf(&b, "    %-9s ", cmds[i]->name);
		mj_wrap(&b, cmds[i]->summary, 14, 14, width);
		mj_buf_adds(&b, "\n");
	}
	mj_buf_adds(&b, "\n");
	mj_wrap(&b, "mjournal help COMMAND (or mjournal COMMAND --help) shows "
		"a command's options; man mjournal tells the whole story.",
		0, 0, width);
	mj_buf_adds(&b, "\n");
	fputs(b.ptr, out);
	mj_buf_free(&b);
}
