package kettureg

import (
	"reflect"
	"testing"

	"kettudocs/builder/drift"
	"kettudocs/codes"
)

func TestRegistry(t *testing.T) {
	reg := Registry()
	var names []string
	for i, g := range reg.Groups {
		names = append(names, g.Name)
		if len(g.Entries) != len(codes.Tables[i].Rows) {
			t.Errorf("group %s has %d entries, the codes table %d rows", g.Name, len(g.Entries), len(codes.Tables[i].Rows))
		}
	}
	if want := []string{"opcodes", "close-codes", "http-statuses", "json-codes"}; !reflect.DeepEqual(names, want) {
		t.Errorf("groups %v, want %v", names, want)
	}
	if _, err := drift.New(*reg); err != nil {
		t.Errorf("the kettu codes are not a valid registry: %v", err)
	}
}
