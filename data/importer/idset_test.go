package importer

import (
	"hash/maphash"
	"strconv"
	"testing"
)

func TestIDSetFindsEveryRepeatAndOnlyRepeats(t *testing.T) {
	seed := maphash.MakeSeed()
	for _, tc := range []struct {
		name    string
		reserve int
		ids     int
	}{
		{"empty set growing from nothing", 0, 5000},
		{"reserved for the file", 5000, 5000},
		{"reserved too small", 10, 5000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s idSet
			s.reserve(tc.reserve)
			for i := 0; i < tc.ids; i++ {
				if _, dup := s.add(maphash.String(seed, "R"+strconv.Itoa(i)), i+2); dup {
					t.Fatalf("ID %d reported as a repeat on its first appearance", i)
				}
			}
			for i := 0; i < tc.ids; i++ {
				first, dup := s.add(maphash.String(seed, "R"+strconv.Itoa(i)), 99999)
				if !dup || first != i+2 {
					t.Fatalf("repeat of ID %d: got (%d, %v), want (%d, true)", i, first, dup, i+2)
				}
			}
			if s.n != tc.ids {
				t.Fatalf("set holds %d IDs, want %d", s.n, tc.ids)
			}
			if 2*s.n > len(s.keys) {
				t.Fatalf("set more than half full: %d of %d", s.n, len(s.keys))
			}
		})
	}
	var s idSet
	s.add(0, 7)
	if first, dup := s.add(1, 8); !dup || first != 7 {
		// The set keeps the lowest bit set, so 0 and 1 are the same key: a
		// false repeat with a chance of 2^-63 per pair of IDs.
		t.Fatalf("hashes 0 and 1: got (%d, %v)", first, dup)
	}
}
