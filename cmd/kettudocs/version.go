package main

import (
	"runtime/debug"
	"strings"
)

// version reports the version of this binary from its build info: the
// module version go install recorded (v1.4.0), or for a build from a
// checkout "(devel)" with the commit and whether it had local changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			modified = s.Value
		}
	}
	// A module version already names its commit (v0.0.0-2024…-abcdef123456).
	if rev != "" && !strings.Contains(v, rev) {
		v += " " + rev
		if modified == "true" {
			v += "+dirty"
		}
	}
	if info.GoVersion != "" {
		v += " (" + info.GoVersion + ")"
	}
	return v
}
