/* san-render.c — linked into the sanitizer build of gongbao-render only.
 * cairo is built without frame pointers, so ASan's fast unwinder stops at
 * cairo's first frame; the slow one records whole stacks, which
 * tests/lsan.supp needs to name the one cairo function whose loss it
 * forgives instead of the whole of libcairo.  ASAN_OPTIONS still wins. */
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}
