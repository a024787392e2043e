/*===- header-check.h - Entry points of the header compile checks --*- C
 * -*-===*/

#ifndef JX_RUNTIME_TOOLS_HEADER_CHECK_H
#define JX_RUNTIME_TOOLS_HEADER_CHECK_H

#ifdef __cplusplus
extern "C" {
#endif

/* Each returns 0 when the runtime headers behave as expected in that
 * language (compiled as strict C99, and as C++). */
int jx_header_check_c99(void);
int jx_header_check_cxx(void);

#ifdef __cplusplus
}
#endif

#endif /* JX_RUNTIME_TOOLS_HEADER_CHECK_H */
