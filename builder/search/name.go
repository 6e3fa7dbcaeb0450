package search

// EntryName is the name of the index's entry file, the one file pages link
// to. It is the same whatever the pages, so that a change to the index
// changes no page: a rebuild after an edit rewrites the edited page and
// the index's files it changed, not every page (see package output). Its
// contents change with the index, so the theme loads it with a query that
// no cache has seen; the other files are named after their contents.
const EntryName = "search/index.js"

// format is the version of the index's files, which the entry file
// states ("v"), so that search.js can tell an index it cannot read.
const format = 5

// PageBucket is how many page files share a hash, which search.js loads
// them with, as a query (search/p7.js?HASH): the bucket files hold a hash
// per bucket, not per page, and a page file's name stays the same when
// its bytes change, so that a change to one page rewrites its file
// only, not its bucket's. (The hash in their names, as other index
// files have, renamed the 64 files of a bucket on every change to one
// page's shown text.) The query tells caches the new version from the
// old, as it does the entry file's (see EntryName).
const PageBucket = 64

// DirShards is how many shards' separators and hashes a directory file
// (search/dN.HASH.js) holds, and DirBuckets how many page buckets'
// hashes a bucket file (search/fN.HASH.js): the entry file lists those
// files rather than every shard and bucket, so that what a first query
// loads does not grow with the site (a flat directory was 63 kB of
// entry file at 100,000 pages).
const (
	DirShards  = 64
	DirBuckets = 256
)
