"""Prints the fenced code blocks of the design sketch as one .jx program.

usage: design-examples.py LANGUAGE_MD
Prints nothing when the file does not exist (a checkout without it).
"""

import os
import re
import sys

path = sys.argv[1]
if os.path.exists(path):
    with open(path, encoding="utf-8") as f:
        blocks = re.findall(r"```[a-z]*\n(.*?)```", f.read(), re.S)
    print("\n".join(blocks))
