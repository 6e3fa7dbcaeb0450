package codes

import "log/slog"

// The type HTTPStatus, its constants and the methods String, Known and
// Meaning are generated from codes.yaml into zz_codes.go. A status in a
// range the spec lists has the range's name: 503 is "SERVER ERROR".

// LogValue records s as a group of its number and name, e.g.
// code=429 name="TOO MANY REQUESTS".
func (s HTTPStatus) LogValue() slog.Value { return codeValue(int(s), s.String()) }
