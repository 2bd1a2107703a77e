package importer

import (
	"encoding/json"
	"testing"
)

// FuzzMappingJSON: a mapping file (--mapping, or one saved by
// --save-mapping) never panics whatever its bytes, and a mapping it
// accepts is written and read back the same.
func FuzzMappingJSON(f *testing.F) {
	f.Add([]byte(`{"Columns":[{"Column":0,"Header":"Timestamp","Role":1,"DateZone":"Europe/Riga"},{"Column":1,"Header":"Score","Role":2,"Question":1}],"DateOrder":1}`))
	f.Add([]byte(`{"Columns":[{"Column":-1,"DateZone":"Nowhere/Else"}]}`))
	f.Add([]byte(`{"Columns":null}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var m Mapping
		if json.Unmarshal(in, &m) != nil {
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			return // e.g. a value JSON cannot write back (NaN): refused, not a panic
		}
		var again Mapping
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("a mapping read from %q does not read back from %s: %v", in, b, err)
		}
		b2, _ := json.Marshal(again)
		if string(b2) != string(b) {
			t.Fatalf("a mapping changes when written and read again:\n%s\n%s", b, b2)
		}
	})
}
