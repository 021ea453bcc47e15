/* distrun.h — one run of gongbao-distribute (SPEC §7), for its main
 * (distribute.c) to call with the options it parsed. */
#ifndef GONGBAO_DISTRUN_H
#define GONGBAO_DISTRUN_H

#include <glib.h>

/* The label font when --font is not given. */
#define GB_DIST_DEFAULT_FONT "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

typedef struct {
	const char *issue_dir, *out_dir;
	const char *db;		/* the registry */
	const char *font;	/* a TrueType file */
	gboolean re_record;
} gb_dist_options;

/* Makes OUT_DIR/distribution/ for the built issue and records the run in
 * the registry; prints the summary on stdout and every fault on stderr
 * through the diagnostics table.  A signal (gb_signals_defer) stops the
 * run between documents, leaving nothing: the caller then ends as the
 * signal would (gb_signal_reraise).  Returns the exit status. */
int gb_dist_run(const gb_dist_options *o);

#endif
