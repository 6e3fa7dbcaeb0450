package codes

// An Opcode is the op field of a gateway payload.
type Opcode int

// OpcodeInfo is one gateway opcode as the spec has it.
type OpcodeInfo struct {
	Code      Opcode
	Name      string    // Markdown
	Direction Direction // the spec's action
	Meaning   string    // Markdown
	Omit      string    // why the docs leave it out of tables; "" if they don't
}

// A Direction says which way payloads with an opcode travel.
type Direction int

// The zero Direction is that of an unknown opcode.
const (
	Send    Direction = iota + 1 // the client sends it
	Receive                      // the client receives it
	Both                         // either side sends it
)

var directions = [...]string{Send: "send", Receive: "receive", Both: "both"}

// String returns the spec's name for d: "send", "receive" or "both".
func (d Direction) String() string {
	if d > 0 && int(d) < len(directions) {
		return directions[d]
	}
	return unknown("Direction", int(d))
}

var opcodes = index(Opcodes, func(i OpcodeInfo) Opcode { return i.Code })

// String returns the name of op, e.g. "invalid session", or "Opcode(42)" if
// the spec doesn't list op.
func (op Opcode) String() string {
	if i, ok := opcodes[op]; ok {
		return plain(i.Name)
	}
	return unknown("Opcode", int(op))
}

// Known reports whether the spec lists op.
func (op Opcode) Known() bool {
	_, ok := opcodes[op]
	return ok
}

// Meaning returns what op is for, or "" if it is unknown.
func (op Opcode) Meaning() string { return plain(opcodes[op].Meaning) }

// Direction returns which way op travels, or 0 if it is unknown.
func (op Opcode) Direction() Direction { return opcodes[op].Direction }

// ClientSends reports whether a client may send op.
func (op Opcode) ClientSends() bool {
	d := op.Direction()
	return d == Send || d == Both
}

// ClientReceives reports whether a client may receive op.
func (op Opcode) ClientReceives() bool {
	d := op.Direction()
	return d == Receive || d == Both
}
