// Package output owns a site's output folder: it puts a build's files
// there without ever losing a file it did not write, and finds the
// sources that would write one file twice.
//
// The output folder is the site's to share: it may be a git worktree of a
// gh-pages branch with a CNAME file, a symlink (followed and kept) or a
// mount point. A Folder guarantees:
//
//   - It never removes or overwrites a file it did not write. The output
//     folder's .kettudocs-manifest (ManifestName) lists what the last
//     build wrote; Commit replaces those files, removes those the build no
//     longer writes (and the folders it made that this leaves empty), and
//     leaves every other file alone: .git, CNAME, a README, any dotfile.
//   - A build that would overwrite a file not in the manifest fails before
//     changing anything, with a *ConflictError naming the files.
//   - A failed or cancelled build changes nothing: Write stages files in a
//     hidden .kettudocs-staging-* folder inside the output folder (on its
//     file system, so that each can be renamed into place), and only
//     Commit moves them in; Abort drops them.
//   - The output folder is never missing, nor any file the old and new
//     site both have: each file is replaced by one rename. Assets go
//     first, as their names change with their content.
//   - What a killed build left is removed by the next Open.
//   - Nothing outside the output folder is ever removed: removals go
//     through an os.Root of it, so a folder of the last build replaced by
//     a link to elsewhere does not lead them there.
//
// Collisions reports, before anything is written, every output path that
// two sources would write, including paths that differ only in case and a
// file where another source needs a folder.
package output
