#!/usr/bin/env bash
# Vendors the real docs sites that TestImportRealSites imports: for each,
# the files an import reads (the docs and the generator's settings) at a
# fixed commit, as SITE.tar.gz beside this script. Images over 50 kB are
# replaced by a placeholder of the same name and type (the repository
# stays small; the links to them still lead somewhere). The sources,
# commits and licences are in SOURCES.md.
#
# Usage: vendor.sh [GIT_BASE]   (default https://github.com: GIT_BASE/OWNER/NAME)
# A GIT_BASE of local mirrors works too: vendor.sh /work/.mirror (OWNER+NAME/repo).
set -euo pipefail
cd "$(dirname "$0")"
base=${1:-https://github.com}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# site NAME OWNER/REPO COMMIT PATHS...
site() {
	local name=$1 repo=$2 commit=$3
	shift 3
	local src
	if [ -d "$base/${repo/\//+}/repo" ]; then
		src="$base/${repo/\//+}/repo"
	else
		src="$work/$name.git"
		git clone -q --bare --filter=blob:none "$base/$repo" "$src"
	fi
	mkdir -p "$work/$name"
	git -C "$src" archive "$commit" -- "$@" | tar -x -C "$work/$name"
	# Of a static folder (STATIC=dir), only the files the pages link.
	if [ -n "${STATIC:-}" ] && [ -d "$work/$name/$STATIC" ]; then
		(cd "$work/$name/$STATIC" && find . -type f | sed 's|^\./||') | while read -r f; do
			grep -rqF --include='*.md' --include='*.mdx' "/$f" "$work/$name" || rm "$work/$name/$STATIC/$f"
		done
	fi
	# Placeholders for big images: 1×1 pixels, or an empty SVG.
	find "$work/$name" -type f \( -name '*.png' -o -name '*.gif' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.svg' \) -size +50k | while read -r f; do
		case "$f" in
		*.png) printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82' >"$f" ;;
		*.gif) printf 'GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;' >"$f" ;;
		*.svg) printf '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n' >"$f" ;;
		*) printf '\xff\xd8\xff\xd9' >"$f" ;;
		esac
	done
	tar -C "$work/$name" --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' -c . | gzip -n -9 >"$name.tar.gz"
	echo "$name: $(du -h "$name.tar.gz" | cut -f1)"
}

site httpx encode/httpx ae1b9f66238f75ced3ced5e4485408435de10768 mkdocs.yml docs LICENSE.md
STATIC=website/static site jest jestjs/jest 52db46e50404c993d3f10dd1481e861cc04ae22e docs website/docusaurus.config.mjs website/sidebars.json website/versions.json website/static/img/content LICENSE
STATIC=static site grpc grpc/grpc.io 028a1d2a6d59daea0e496b3e68789bb60fa69f4a config.yaml content/en/docs static/img LICENSE
