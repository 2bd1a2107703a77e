package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestAZeroedHeaderPageIsRefusedNotACrash: zeroing either header (meta)
// page of a clean database or of one holding an interrupted import is
// refused or read exactly. A zeroed page 1 of a file holding an
// interrupted import used to crash the program: bbolt's check, run before
// the rollback, asserts that page 1 names itself and panics in its own
// goroutine, where no recover can catch it.
func TestAZeroedHeaderPageIsRefusedNotACrash(t *testing.T) {
	for _, b := range makeDamageBases(t) {
		for p := range 2 {
			f := bytes.Clone(b.now)
			clear(f[p*4096 : (p+1)*4096])
			path := filepath.Join(t.TempDir(), fmt.Sprintf("meta%d.db", p))
			if err := os.WriteFile(path, f, 0o600); err != nil {
				t.Fatal(err)
			}
			switch out := openDamaged(t, path, b.want); out {
			case refused, readCorrect:
			default:
				t.Errorf("%s, header page %d zeroed: outcome %d, want refused or read exactly", b.name, p, out)
			}
			salvageDamaged(t, path)
		}
	}
}
