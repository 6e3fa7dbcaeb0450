// Package sitefs opens the files of a site: its content folder, and a
// theme made of layers. It owns the rules of which files a site may read
// and how a file that cannot be read is reported.
//
// New is os.DirFS that follows a symbolic link only when it resolves
// inside the site's own folders (content/, layouts/, static/) and not into
// a hidden one, so that a pull request cannot publish a file of the
// machine that builds it, or the repository's .git, by adding a link to
// it. Ignored says which files are no part of a site (dotfiles, editors'
// backups), for the build and the preview alike. Walk is fs.WalkDir
// that follows symbolic links to folders and stops where one loops.
// Overlay lays file systems over each other, file by file, as a site's
// layouts/ and static/ over the default theme's. ReadProblem turns a
// failed read into a diag.Problem of the file, saying where a broken link
// leads.
package sitefs
