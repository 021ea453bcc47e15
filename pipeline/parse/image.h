/* image.h — an image of a document body (`![图1 …](images/图1.png)`)
 * checked before it is put in the tree: in the images/, a regular
 * file, a PNG or JPEG that decodes.  Internal to parse/. */
#ifndef GONGBAO_IMAGE_H
#define GONGBAO_IMAGE_H

#include <glib.h>

#include "markdown.h"

typedef struct gb_image_info {
	char *path;		/* the issue directory as given joined with URL */
	int width, height;	/* pixels */
	gboolean colour;	/* some pixel is not gray */
} gb_image_info;

/* Checks image URL of SRC's line LINE; TRUE with INFO filled (INFO->path
 * to be freed), else an error naming the line is reported and FALSE. */
gboolean image_check(const md_source *src, int line, const char *url, gb_image_info *info);

#endif
