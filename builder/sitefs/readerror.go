package sitefs

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/kettu/kettudocs/builder/diag"
)

// ReadProblem reports a file of fsys that cannot be read as a problem of
// that file, like every other problem, saying where a broken symlink
// leads (or that a link leads out of the site, or loops; see New), since "no such file" about a file one can see in a folder
// listing is a puzzle.
func ReadProblem(fsys fs.FS, name string, err error) diag.Problem {
	if p, ok := linkProblem(fsys, name, err); ok {
		return p
	}
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := fs.ReadLink(fsys, name); lerr == nil {
			return diag.Problem{
				Pos:  diag.Position{File: name},
				Msg:  fmt.Sprintf("broken symbolic link to %q", target),
				Hint: "make the link lead to an existing file, or remove it",
			}
		}
	}
	return diag.ReadError(name, err)
}
