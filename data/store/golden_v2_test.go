package store

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// Golden bytes of schema version 2 (format 2 values, the string
// dictionary, ID groups keyed by 15 bytes), as golden_test.go keeps those
// of schema 1: testdata/golden-v2.hex is written by -genfixture only when
// missing and never regenerated once schema 2 has shipped.

const goldenFileV2 = "golden-v2.hex"

// goldenEnteredByID is goldenResponse entered at the millisecond its ID
// starts with, as every new response is.
func goldenEnteredByID() data.Response {
	r := goldenResponse()
	r.EnteredAt = time.UnixMilli(int64(idMS(r.ID))).In(time.FixedZone("", 3600))
	return r
}

// goldenValuesV2 encodes every value and key schema 2 changed, with one
// dictionary filled in order, and the dictionary itself.
func goldenValuesV2(t *testing.T) map[string][]byte {
	t.Helper()
	dc := memDict()
	e := encoder{d: dc}
	out := map[string][]byte{}
	r := goldenResponse()
	out["response value"] = slices.Clone(mustEncode(t, &e, &r, 4))
	byID := goldenEnteredByID()
	out["response value, entered at the ID's millisecond"] = slices.Clone(mustEncode(t, &e, &byID, 4))
	minimal := data.Response{CollectedAt: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}
	out["response value, minimal"] = slices.Clone(mustEncode(t, &e, &minimal, 0))
	var d []byte
	for _, s := range dc.strs {
		d = appendStr(d, s)
	}
	out["dictionary"] = d
	g := idGroup{recLen: idRecLen}
	for i, wall := range []uint64{3, 1, 2} {
		id := goldenID
		id[15] = byte(9 - i)
		g.put(id, u64Key(wall))
	}
	out["id group key"] = groupKeyOf(nil, goldenID)
	out["id group value"] = g.data
	out["import-row group key"] = groupKeyOf(importRowPrefix(4, 7), goldenID)
	return out
}

func readGoldenV2(t *testing.T) map[string][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", goldenFileV2))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]byte{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, hx, ok := strings.Cut(sc.Text(), ": ")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		b, err := hex.DecodeString(hx)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGenerateGoldenV2 writes testdata/golden-v2.hex with -genfixture,
// only when it does not exist yet.
func TestGenerateGoldenV2(t *testing.T) {
	if !*genFixture {
		t.Skip("run with -args -genfixture to write the golden bytes")
	}
	path := filepath.Join("testdata", goldenFileV2)
	if _, err := os.Stat(path); err == nil {
		t.Skipf("%s exists; golden bytes of a shipped schema are never rewritten", path)
	}
	vals := goldenValuesV2(t)
	var b strings.Builder
	b.WriteString("# Golden bytes of schema version 2 (data/store/golden_v2_test.go). Never edit.\n")
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range vals {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "%s: %x\n", name, vals[name])
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEncodingsMatchGoldenBytesV2(t *testing.T) {
	want := readGoldenV2(t)
	got := goldenValuesV2(t)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: no longer encoded by the test", name)
		} else if !slices.Equal(g, w) {
			t.Errorf("%s: encodes as\n%x\nwant\n%x", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: missing from testdata/%s", name, goldenFileV2)
		}
	}
}

func TestGoldenBytesV2DecodeToTheKnownValues(t *testing.T) {
	gb := readGoldenV2(t)
	dc := memDict()
	for b := gb["dictionary"]; len(b) > 0; {
		s, rest, err := readString(b)
		if err != nil {
			t.Fatal(err)
		}
		dc.strs, b = append(dc.strs, s), rest
	}
	key := appendRespKey(nil, func() uint64 { w, _ := wallNanos(goldenResponse().CollectedAt); return w }(), goldenID)
	for name, want := range map[string]data.Response{"response value": goldenResponse(),
		"response value, entered at the ID's millisecond": goldenEnteredByID()} {
		sr, err := decodeResponse(dc, 7, key, gb[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want.SurveyID = 7
		if err := sameStored(sr, storedResponse{Response: want, importID: 4}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	min, err := decodeResponse(dc, 1, key, gb["response value, minimal"])
	if err != nil || min.importID != 0 || !min.EnteredAt.IsZero() || min.Source != "" || len(min.Answers) != 0 {
		t.Errorf("minimal response decodes as %+v, %v", min, err)
	}
	g := idGroup{key: gb["id group key"], recLen: idRecLen, data: gb["id group value"]}
	ids := g.ids()
	for i, want := range []uint64{2, 1, 3} { // sorted by ID: ...07, ...08, ...09
		id := goldenID
		id[15] = byte(7 + i)
		wall, ok := g.get(id)
		if len(ids) != 3 || ids[i] != id || !ok || string(wall) != string(u64Key(want)) {
			t.Errorf("record %d: %v wall %x", i, ids, wall)
		}
	}
	imp, sid, err := parseImportRowKey(gb["import-row group key"])
	if err != nil || imp != 4 || sid != 7 {
		t.Errorf("import-row key: %d %d %v", imp, sid, err)
	}
}
