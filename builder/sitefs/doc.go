// Package sitefs opens the files of a site: its content folder, and a
// theme made of layers. It owns the rules of which files a site may read
// and how a file that cannot be read is reported.
//
// New is os.DirFS that follows a symbolic link only when it resolves
// inside the site folder, so that a pull request cannot publish a file of
// the machine that builds it by adding a link to it. Walk is fs.WalkDir
// that follows symbolic links to folders and stops where one loops.
// Overlay lays file systems over each other, file by file, as a site's
// layouts/ and static/ over the default theme's. ReadProblem turns a
// failed read into a diag.Problem of the file, saying where a broken link
// leads.
package sitefs
