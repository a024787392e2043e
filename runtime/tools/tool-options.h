/*===- tool-options.h - Format options from key=value text ---------*- C -*-===*
 *
 * Shared by the runtime's test tools: parses "linewidth=60", "floatmode=fixed"
 * and friends into jx_format_options_t.
 *
 *===----------------------------------------------------------------------===*/

#ifndef JX_RUNTIME_TOOLS_TOOL_OPTIONS_H
#define JX_RUNTIME_TOOLS_TOOL_OPTIONS_H

#include "jx/runtime.h"

/* Applies one "key=value" setting. Keys: style (str|repr), linewidth,
 * threshold, edgeitems, precision, floatmode (maxprec|maxprec_equal|unique|
 * fixed), suppress (0|1). False for an unknown key or a bad value. */
bool jx_tool_apply_option(jx_format_options_t *options, const char *setting);

#endif /* JX_RUNTIME_TOOLS_TOOL_OPTIONS_H */
