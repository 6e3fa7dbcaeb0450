package codes

import "log/slog"

// An Opcode is the op field of a gateway payload.
type Opcode int

// A Direction says which way payloads with an opcode travel.
type Direction int

// The zero Direction is that of an unknown opcode.
const (
	DirectionSend    Direction = iota + 1 // the client sends it
	DirectionReceive                      // the client receives it
	DirectionBoth                         // either side sends it
)

var directionNames = [...]string{DirectionSend: "send", DirectionReceive: "receive", DirectionBoth: "both"}

// String returns the spec's name for d: "send", "receive" or "both".
func (d Direction) String() string {
	if d > 0 && int(d) < len(directionNames) {
		return directionNames[d]
	}
	return unknown("Direction", int(d))
}

// opcodeEntry is an opcode's entry in the spec.
type opcodeEntry struct {
	name      string
	direction Direction
	meaning   string
}

// String returns the name of op, e.g. "invalid session", or "Opcode(42)" if
// the spec doesn't list op.
func (op Opcode) String() string {
	if e, ok := lookupOpcode(op); ok {
		return e.name
	}
	return unknown("Opcode", int(op))
}

// Known reports whether the spec lists op.
func (op Opcode) Known() bool {
	_, ok := lookupOpcode(op)
	return ok
}

// Meaning returns what op is for, or "" if it is unknown.
func (op Opcode) Meaning() string {
	e, _ := lookupOpcode(op)
	return e.meaning
}

// Direction returns which way op travels, or 0 if it is unknown.
func (op Opcode) Direction() Direction {
	e, _ := lookupOpcode(op)
	return e.direction
}

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
