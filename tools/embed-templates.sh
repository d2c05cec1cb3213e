#!/bin/sh
# Writes a C file holding every file of the templates folder as a string,
# so the binary carries its templates: embed-templates.sh DIR > templates.c
set -eu
dir=$1
printf '/* Generated from %s by tools/embed-templates.sh: do not edit. */\n' "$dir"
printf '#include "mj_template.h"\n\n'
printf 'const struct mj_builtin_template mj_builtin_templates[] = {\n'
n=0
for f in "$dir"/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	printf '\t{ "%s",\n' "$name"
	# escape backslashes and quotes; one C string line per file line
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' \
	    -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
	n=$((n + 1))
done
printf '};\n\nconst size_t mj_builtin_template_count = %d;\n' "$n"
