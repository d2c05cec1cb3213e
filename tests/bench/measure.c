/*
 * measure.c - runs a command several times and prints the median wall time
 * in milliseconds, the largest peak resident set in KiB, and the fastest
 * and slowest run in milliseconds:
 *   measure RUNS [--strict] [--before 'shell command'] COMMAND [ARGS...]
 * --before runs (untimed) before each run, e.g. to remove a cache.
 * The command may exit with 1 (check found errors), unless --strict: a
 * commit that failed is not a commit measured.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int runs, first = 2, worst = 1;
	const char *before = NULL;
	double times[256];
	long peak = 0;

	if (argc < 3 || (runs = atoi(argv[1])) < 1 || runs > 256) {
		fprintf(stderr, "usage: measure RUNS [--strict] [--before CMD] COMMAND [ARGS...]\n");
		return 2;
	}
	if (first < argc && !strcmp(argv[first], "--strict")) {
		worst = 0;
		first++;
	}
	if (first + 2 < argc && !strcmp(argv[first], "--before")) {
		before = argv[first + 1];
		first += 2;
	}
	if (first >= argc) {
		fprintf(stderr, "measure: no command\n");
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		struct timespec t0, t1;
		struct rusage ru;
		int status;
		pid_t pid;

		if (before && system(before) != 0) {
			fprintf(stderr, "measure: '%s' failed\n", before);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			execvp(argv[first], argv + first);
			_exit(127);
		}
		wait4(pid, &status, 0, &ru);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) > worst) {
			fprintf(stderr, "measure: %s failed\n", argv[first]);
			return 1;
		}
		times[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (ru.ru_maxrss > peak)
			peak = ru.ru_maxrss;
	}
	qsort(times, (size_t)runs, sizeof(double), compare);
	printf("%.1f %ld %.1f %.1f\n", times[runs / 2], peak, times[0],
	       times[runs - 1]);
	return 0;
}
