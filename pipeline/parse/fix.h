/* fix.h — gongbao-parse --fix: the corrections that cannot change meaning
 * (SPEC §3, lint.h), applied to the documents of an issue in place. */
#ifndef GONGBAO_FIX_H
#define GONGBAO_FIX_H

#include <glib.h>
#include <stdio.h>

#include "diag.h"

/* Rewrites every document (ISSUE_DIR/docs/NAME.md) that has something to correct, each
 * whole and atomically (a temporary file in the same directory, flushed to
 * disk and renamed over it, its mode kept), and prints each change on OUT
 * as `FILE:LINE: 原文 → 改为`, then the count.  Only the body and the
 * printed front-matter values (title, to, cc) are touched, never a key,
 * never the word list's suggestions.  Problems go to DIAGS; returns the
 * exit status. */
int fix_issue(const char *dir, FILE *out, gb_diags *diags);

#endif
