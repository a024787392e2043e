/*===- tool-options.c - Format options from key=value text ----------------===*/

#include "tool-options.h"

#include <stdlib.h>
#include <string.h>

static bool parse_integer(const char *text, long long *out) {
  char *end;
  if (!*text)
    return false;
  *out = strtoll(text, &end, 10);
  return *end == '\0';
}

bool jx_tool_apply_option(jx_format_options_t *options, const char *setting) {
  const char *equals = strchr(setting, '=');
  if (!equals)
    return false;
  size_t key_length = (size_t)(equals - setting);
  const char *value = equals + 1;
  long long number = 0;
#define KEY(name)                                                              \
  (key_length == strlen(name) && !strncmp(setting, name, key_length))
  if (KEY("style")) {
    if (!strcmp(value, "str"))
      options->style = JX_FORMAT_STYLE_STR;
    else if (!strcmp(value, "repr"))
      options->style = JX_FORMAT_STYLE_REPR;
    else
      return false;
    return true;
  }
  if (KEY("floatmode")) {
    if (!strcmp(value, "maxprec"))
      options->float_mode = JX_FLOAT_MODE_MAXPREC;
    else if (!strcmp(value, "maxprec_equal"))
      options->float_mode = JX_FLOAT_MODE_MAXPREC_EQUAL;
    else if (!strcmp(value, "unique"))
      options->float_mode = JX_FLOAT_MODE_UNIQUE;
    else if (!strcmp(value, "fixed"))
      options->float_mode = JX_FLOAT_MODE_FIXED;
    else
      return false;
    return true;
  }
  if (!parse_integer(value, &number))
    return false;
  /* Out-of-range values are passed on (truncated) so the library's own
   * validation can be tested. */
  if (KEY("linewidth"))
    options->line_width = (int32_t)number;
  else if (KEY("threshold"))
    options->threshold = number;
  else if (KEY("edgeitems"))
    options->edge_items = (int32_t)number;
  else if (KEY("precision"))
    options->precision = (int32_t)number;
  else if (KEY("suppress"))
    options->suppress_small = number != 0;
  else
    return false;
#undef KEY
  return true;
}
