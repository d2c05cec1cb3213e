/*
 * gen.c - writes a synthetic but valid mentoring programme for the
 * benchmark: gen DIR RELATIONSHIPS NOTES [ITEMS].  Every relationship follows the
 * cycle (preparing, negotiating, then enabling sessions every 14 days from
 * 2024-01-01); each note is about 1.5 KB: front matter, goals, a paragraph,
 * actions, feedback and learning.  As in a real programme, an action is
 * carried open from note to note before it is done, every tenth
 * relationship has a private note beside its shared ones, and every
 * twentieth is closed, its last note a closing one.  Prints the date to
 * use as today.  With ITEMS, each note also lists that many done actions
 * (about 100 bytes each): large relationships, for the memory test.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void date_text(int day, char *buf)
{
	/* days since 2024-01-01 (a leap year) to YYYY-MM-DD */
	static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 2024, m = 0;

	for (;;) {
		int len = (y % 4 == 0 && (y % 100 || y % 400 == 0)) ? 366 : 365;
		if (day < len)
			break;
		day -= len;
		y++;
	}
	for (;; m++) {
		int len = month_days[m] + (m == 1 && y % 4 == 0 && (y % 100 || y % 400 == 0));
		if (day < len)
			break;
		day -= len;
	}
	snprintf(buf, 11, "%04d-%02d-%02d", y % 10000, (m + 1) % 100, (day + 1) % 100);
}

static FILE *open_file(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static const char *const goals[] = {
	"Lead a cross-team project from plan to delivery",
	"Build a network of peers outside the immediate team",
	"Present analysis to senior stakeholders with confidence",
};

/* Is relationship rel closed: its last note a closing one. */
static int closed(int rel)
{
	return rel % 20 == 19;
}

static void write_note(const char *dir, int rel, int k, int day, int notes,
		       int items)
{
	char date[11], due[11], name[64];
	const char *stage = k == 0 ? "preparing" : k == 1 ? "negotiating" :
			    k == notes - 1 && closed(rel) ? "closing" : "enabling";
	FILE *f;

	date_text(day, date);
	date_text(day + 21, due);
	snprintf(name, sizeof(name), "%s.md", date);
	f = open_file(dir, name);
	fprintf(f, "---\ndate: %s\nstage: %s\n", date, stage);
	if (k > 0)
		fprintf(f, "attendance: held\nduration: %s\n", k % 3 ? "60m" : "1.5h");
	fprintf(f, "---\n# Session %d of relationship %d\n\n", k + 1, rel);
	fprintf(f, "## Goals\nProgress on *%s*: the mentee reported on the last "
		   "fortnight, what went to plan and what did not, and we looked at "
		   "the next step together. The plan holds; one risk needs a decision "
		   "from the team lead before the end of the month.\n\n",
		goals[k % 3]);
	fprintf(f, "We spent most of the hour on how to run the next review: who "
		   "to invite, how to open, how to keep time and how to close with "
		   "decisions rather than more questions. The mentee will try the "
		   "approach and report back.\n\n");
	fprintf(f, "## Actions\n- [x] Mentee: send the summary of the last review\n"
		   "- [%s] Mentee: book the stakeholder review (due %s)\n"
		   "- [-] Mentor: find the estimation template (dropped: not needed)\n"
		   "- [x] Mentor: introduce the mentee to the platform lead\n",
		k == notes - 1 && !closed(rel) ? " " : "x", due);
	/* carried: written open in one note, still open in the next, done
	 * in the one after */
	if (k % 3 != 0)
		fprintf(f, "- [%s] Mentor: share the reading list on %s\n",
			k % 3 == 2 || (k == notes - 1 && closed(rel)) ? "x" : " ",
			goals[(k / 3) % 3]);
	for (int i = 0; i < items; i++)
		fprintf(f, "- [x] Mentee: step %d of the plan of relationship %d, "
			   "written out at length as some people do\n", i, rel);
	fprintf(f, "\n");
	if (k == notes - 1 && closed(rel))
		fprintf(f, "## Outcomes\nThe goals are met: the mentee led the "
			   "review and runs the next one alone. We close as agreed.\n\n");
	fprintf(f, "## Feedback\n- To the mentor: the questions about risk helped "
		   "most; the examples from other teams were useful too.\n- To the "
		   "mentee: you came prepared and kept to the agenda; keep writing "
		   "it down before we meet.\n\n");
	fprintf(f, "## Learning\nThe mentor noticed that short silences after a "
		   "question gave the mentee room to think; longer answers followed. "
		   "Next time: fewer questions, more room.\n");
	fclose(f);
}

int main(int argc, char **argv)
{
	int n, notes, items = 0;
	char path[4096], date[11];
	FILE *f;

	if (argc < 4 || argc > 5 || (n = atoi(argv[2])) < 1 ||
	    (notes = atoi(argv[3])) < 3 || (argc == 5 && (items = atoi(argv[4])) < 0)) {
		fprintf(stderr, "usage: gen DIR RELATIONSHIPS NOTES(>=3) [ITEMS]\n");
		return 2;
	}
	mkdir(argv[1], 0755);
	f = open_file(argv[1], "mjournal.ini");
	fprintf(f, "[journal]\nname = Benchmark programme\nowner = Bench Mark "
		   "<bench@example.org>\nautocommit = true\n");
	fclose(f);
	f = open_file(argv[1], ".gitignore");
	fprintf(f, "*.private.md\n.mjournal/\n");
	fclose(f);
	for (int r = 0; r < n; r++) {
		char start[11], signed_on[11], ends[11], review[11], last[11];
		snprintf(path, sizeof(path), "%s/rel-%05d", argv[1], r);
		mkdir(path, 0755);
		date_text(0, start);
		date_text(14, signed_on);
		date_text(14 * notes + 60, ends);
		date_text(7 * notes, review);
		f = open_file(path, "agreement.ini");
		date_text(14 * (notes - 1), last);
		fprintf(f, "[relationship]\nmentor = Mentor %d <mentor%d@example.org>\n"
			   "mentee = Mentee %d <mentee%d@example.org>\ntype = one-to-one\n"
			   "model = developmental\nstarted = %s\nends = %s\ncadence = 14d\n"
			   "status = %s\nclosed = %s\n\n[goals]\n", r % 50, r % 50, r, r,
			start, ends, closed(r) ? "closed" : "active",
			closed(r) ? last : "");
		for (int g = 0; g < 3; g++)
			fprintf(f, "goal = %s\n", goals[g]);
		fprintf(f, "\n[terms]\nconfidentiality = What we discuss stays "
			   "between us.\nreview = %s\nsigned-mentor = %s\n"
			   "signed-mentee = %s\n", review, signed_on, signed_on);
		fclose(f);
		for (int k = 0; k < notes; k++)
			write_note(path, r, k, 14 * k, notes, items);
		if (r % 10 == 3) {
			date_text(14 * (notes / 2) + 1, start);
			snprintf(last, sizeof(last), "%.10s", start);
			char name[64];
			snprintf(name, sizeof(name), "%s-reflection.private.md", last);
			f = open_file(path, name);
			fprintf(f, "---\ndate: %s\nstage: enabling\n---\n## Learning\n"
				   "What I did not say in the session: the mentee "
				   "is close to burning out.\n", last);
			fclose(f);
		}
	}
	date_text(14 * (notes - 1) + 7, date);
	printf("%s\n", date);
	return 0;
}
