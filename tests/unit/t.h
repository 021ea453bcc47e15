/* t.h — the unit-test harness: each TEST is one fact about behaviour.
 * A test prints "ok NAME" or "not ok NAME" (tests/run.sh counts them).
 * CHECK records a failure and goes on; the test fails if any CHECK did. */
#ifndef GONGBAO_T_H
#define GONGBAO_T_H
#include <stdio.h>
#include <string.h>

static int t_failed_checks;

#define CHECK(cond) do { if (!(cond)) { t_failed_checks++; \
	fprintf(stderr, "    %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_STR(a, b) do { const char *t_a = (a), *t_b = (b); \
	if (!t_a || !t_b || strcmp(t_a, t_b) != 0) { t_failed_checks++; \
	fprintf(stderr, "    %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
	    t_a ? t_a : "(null)", t_b ? t_b : "(null)"); } } while (0)
#define CHECK_INT(a, b) do { long long t_a = (a), t_b = (b); if (t_a != t_b) { \
	t_failed_checks++; fprintf(stderr, "    %s:%d: %s == %lld, expected %lld\n", \
	__FILE__, __LINE__, #a, t_a, t_b); } } while (0)
#define CHECK_NEAR(a, b, eps) do { double t_a = (a), t_b = (b); \
	if (!(t_a - t_b <= (eps) && t_b - t_a <= (eps))) { t_failed_checks++; \
	fprintf(stderr, "    %s:%d: %s == %g, expected %g\n", __FILE__, __LINE__, \
	#a, t_a, t_b); } } while (0)

/* TEST(name) { ... }  then  RUN(name);  inside main. */
#define TEST(name) static void name(void)
#define RUN(name) do { t_failed_checks = 0; name(); \
	printf("%s %s\n", t_failed_checks ? "not ok" : "ok", #name); \
	fflush(stdout); } while (0)

#endif
