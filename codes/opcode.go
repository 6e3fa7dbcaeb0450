package codes

import "log/slog"

// The type Opcode, its constants, the Direction enum and the methods
// String, Known, Meaning and Direction are generated from codes.yaml into
// zz_codes.go.

// ClientSends reports whether a client may send op.
func (op Opcode) ClientSends() bool {
	d := op.Direction()
	return d == DirectionSend || d == DirectionBoth
}

// ClientReceives reports whether a client may receive op.
func (op Opcode) ClientReceives() bool {
	d := op.Direction()
	return d == DirectionReceive || d == DirectionBoth
}

// LogValue records op as a group of its number and name, e.g.
// code=6 name="invalid session".
func (op Opcode) LogValue() slog.Value { return codeValue(int(op), op.String()) }
