package frontmatter

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Nearly every page's front matter is a title and a weight, written the
// plainest way. Parsing that as YAML cost some 30 µs of CPU a page, 5%
// of a build, most of it in the YAML scanner. simpleFrontMatter reads exactly that kind of front matter
// and nothing else: anything it is not sure to read as the YAML package
// does goes to the YAML package. FuzzSimpleFrontMatter holds the two to
// the same result.

// rawYAML receives the data of YAML front matter from frontmatter.Data's
// Decode, which decodes with unmarshalYAML.
type rawYAML []byte

// unmarshalYAML is yaml.Unmarshal, but hands a *rawYAML the data as it is.
func unmarshalYAML(data []byte, v any) error {
	if r, ok := v.(*rawYAML); ok {
		*r = data
		return nil
	}
	return yaml.Unmarshal(data, v)
}

// simpleFrontMatter decodes YAML front matter whose lines are all empty
// or one of the keys of Meta, each at most once, at the start of
// the line, followed by ": " and a value on the same line:
//
//   - title and description: a double-quoted string of printable ASCII
//     without escapes, or a plain one that starts with a letter and holds
//     only letters, digits, spaces and .,()_/'!?&+- (and is not a YAML
//     boolean or null, such as "true", "yes" or "null");
//   - weight: a whole number of at most nine digits, without a leading
//     zero or plus sign;
//   - draft: true or false.
//
// ok is false for any other front matter, which yaml decodes.
func simpleFrontMatter(data []byte) (m Meta, ok bool) {
	var seen [4]bool // by the place of the key in frontMatterKeys
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			continue
		}
		key, val, found := bytes.Cut(line, []byte(": "))
		if !found {
			return m, false
		}
		val = bytes.Trim(val, " ")
		var k int
		switch string(key) {
		case "description":
			k = 0
			m.Description, ok = simpleString(val)
		case "draft":
			k, ok = 1, string(val) == "true" || string(val) == "false"
			m.Draft = string(val) == "true"
		case "title":
			k = 2
			m.Title, ok = simpleString(val)
		case "weight":
			k = 3
			m.Weight, ok = simpleInt(val)
		default:
			return m, false
		}
		if !ok || seen[k] {
			return m, false
		}
		seen[k] = true
	}
	return m, true
}

// simpleString returns the string v writes, as simpleFrontMatter allows.
func simpleString(v []byte) (string, bool) {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		for _, c := range v[1 : len(v)-1] {
			if c < ' ' || c > '~' || c == '"' || c == '\\' {
				return "", false
			}
		}
		return string(v[1 : len(v)-1]), true
	}
	if len(v) == 0 || !('a' <= v[0] && v[0] <= 'z' || 'A' <= v[0] && v[0] <= 'Z') {
		return "", false
	}
	for _, c := range v {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(" .,()_/'!?&+-", c) >= 0) {
			return "", false
		}
	}
	switch string(bytes.ToLower(v)) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return "", false
	}
	return string(v), true
}

// simpleInt returns the number v writes, as simpleFrontMatter allows.
func simpleInt(v []byte) (int, bool) {
	neg := len(v) > 0 && v[0] == '-'
	if neg {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 9 || v[0] == '0' && (len(v) > 1 || neg) {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
