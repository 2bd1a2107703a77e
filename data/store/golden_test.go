package store

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// Golden bytes of every value and key the store writes, for schema version
// 1. Round-trip tests pass whatever the encoding is; these fail when the
// bytes change (a field moved, a width changed), which would misread every
// file already written. testdata/golden-v1.hex is written by -genfixture
// only when missing; never regenerate it for a schema version that has
// shipped: decoding it must keep giving the values below.

const goldenFile = "golden-v1.hex"

var goldenID = data.ResponseID{0x01, 0x94, 0x22, 0x33, 0x44, 0x55, 0x7f, 0x01, 2, 3, 4, 5, 6, 7, 8, 9}

func goldenResponse() data.Response {
	return data.Response{
		ID: goldenID, SurveyID: 7, SurveyVersion: 3,
		CollectedAt: time.Date(2024, 2, 29, 0, 30, 0, 5, time.FixedZone("", 7200)),
		EnteredAt:   time.Date(2024, 3, 1, 8, 0, 0, 123, time.FixedZone("", -3600)),
		Source:      data.SourceImport("0123456789abcdef0123"), Channel: "in person", FormNumber: "0042", ExternalID: "R_9x",
		Tags:    map[string]string{"staff": "Ilze", "location": "Rīga", "product": "日本"},
		Answers: map[uint32]int{1: 5, 2: 0, 3: 7, 300: 10},
		Texts:   map[uint32]string{5: "Ļoti labi ★★★★☆", 6: ""},
		Comment: "call back",
	}
}

func goldenHist() data.Histogram { return data.Histogram{0, 3, 0, 1, 200, 70000, 0, 0, 0, 0, 1} }

func goldenRollup() []qHist {
	return []qHist{{0, data.Histogram{12}}, {1, goldenHist()}, {400, data.Histogram{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}}}
}

func goldenSurvey() data.Survey {
	sv := data.Survey{ID: 7, Name: "Front desk", Description: "d", Business: "Corner Bakery", Language: "lv",
		Created: time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), Updated: time.Date(2024, 2, 3, 4, 5, 6, 7, time.UTC), Version: 2}
	q := data.NewQuestion(data.KindRating, "Cik apmierināts?", 5)
	q.Retired = true
	sv.AddQuestion(q)
	q = data.NewQuestion(data.KindRating, "Cik apmierināts (1–10)?", 10)
	q.SinceVersion, q.Code = 2, "sat10"
	sv.AddQuestion(q)
	ch := data.NewQuestion(data.KindChoice, "Ko nopirkāt?", 0)
	ch.Choices, ch.Max = []string{"Maize", "Kafija", "Kūka"}, 3
	sv.AddQuestion(ch)
	return sv
}

func goldenImport() ImportRecord {
	return ImportRecord{ID: 4, SurveyID: 7, FileName: "visits.csv", Hash: "0123456789abcdef0123", Rows: 100, Added: 98,
		Started: time.Date(2025, 2, 1, 10, 0, 0, 0, time.UTC), Finished: time.Date(2025, 2, 1, 10, 0, 3, 500, time.UTC),
		State: ImportDone, Replaces: 2, Replaced: 5}
}

// goldenGroup is an ID group of three IDs of one millisecond with the
// payload of the ids index (the wall time), as schema 1 grouped them: key
// prefix|id[:6], records id[6:]|wall sorted by ID.
func goldenGroup() (key, value []byte) {
	for i, wall := range []uint64{2, 1, 3} { // IDs ...07, ...08, ...09
		id := goldenID
		id[15] = byte(7 + i)
		value = append(append(value, id[v1GroupLen:]...), u64Key(wall)...)
	}
	return append(importRowPrefix(4, 7), goldenID[:v1GroupLen]...), value
}

// goldenValues encodes every known value and key, by name.
func goldenValues(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	r := goldenResponse()
	out["response value"] = encodeV1(&r, 4)
	minimal := data.Response{CollectedAt: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)}
	out["response value, minimal"] = encodeV1(&minimal, 0)
	wall, _ := wallNanos(r.CollectedAt)
	out["response key"] = appendRespKey(nil, wall, goldenID)
	h := goldenHist()
	out["histogram"] = appendHist(nil, &h)
	out["rollup value"] = appendRollup(nil, goldenRollup())
	day := data.DayFromDate(2024, 2, 29)
	out["rollup key, all"] = appendRollupKey(nil, data.Segment{}, day)
	out["rollup key, channel"] = appendRollupKey(nil, data.ByChannel("in person"), day)
	out["rollup key, tag"] = appendRollupKey(nil, data.Segment{Name: "location", Value: "Rīga"}, day)
	out["external-ID key"] = appendExtKey(nil, "R_9x", goldenID)
	out["survey key"] = u64Key(7)
	gk, gv := goldenGroup()
	out["import-row group key"] = gk
	out["id group value"] = gv
	out["staged key"] = appendStagedKey(nil, 4, 7, wall, goldenID)
	sv := goldenSurvey()
	v, err := encodeSurvey(&sv)
	if err != nil {
		t.Fatal(err)
	}
	out["survey value"] = v
	rec := goldenImport()
	if v, err = encodeImport(&rec); err != nil {
		t.Fatal(err)
	}
	out["import value"] = v
	return out
}

func readGolden(t *testing.T) map[string][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", goldenFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]byte{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
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

// TestGenerateGolden writes testdata/golden-v1.hex with -genfixture, only
// when it does not exist yet.
func TestGenerateGolden(t *testing.T) {
	if !*genFixture {
		t.Skip("run with -args -genfixture to write the golden bytes")
	}
	path := filepath.Join("testdata", goldenFile)
	if _, err := os.Stat(path); err == nil {
		t.Skipf("%s exists; golden bytes of a shipped schema are never rewritten", path)
	}
	vals := goldenValues(t)
	var b strings.Builder
	b.WriteString("# Golden bytes of schema version 1 (data/store/golden_test.go). Never edit.\n")
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

func TestEncodingsMatchGoldenBytes(t *testing.T) {
	want := readGolden(t)
	got := goldenValues(t)
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: no longer encoded by the test", name)
			continue
		}
		if !slices.Equal(g, w) {
			t.Errorf("%s: encodes as\n%x\nwant\n%x", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: missing from testdata/%s", name, goldenFile)
		}
	}
}

func TestGoldenBytesDecodeToTheKnownValues(t *testing.T) {
	gb := readGolden(t)
	t.Run("response", func(t *testing.T) {
		sr, err := decodeResponse(nil, 7, gb["response key"], gb["response value"])
		if err != nil {
			t.Fatal(err)
		}
		want := goldenResponse()
		if err := sameResponse(sr.Response, want); err != nil {
			t.Error(err)
		}
		if sr.importID != 4 {
			t.Errorf("import %d; want 4", sr.importID)
		}
		if _, off := sr.CollectedAt.Zone(); off != 7200 {
			t.Errorf("zone offset %d", off)
		}
		if _, off := sr.EnteredAt.Zone(); off != -3600 {
			t.Errorf("entered zone offset %d", off)
		}
		min, err := decodeResponse(nil, 1, gb["response key"], gb["response value, minimal"])
		if err != nil {
			t.Fatal(err)
		}
		if min.importID != 0 || !min.EnteredAt.IsZero() || min.Source != "" || len(min.Answers) != 0 {
			t.Errorf("minimal response decodes as %+v", min)
		}
		wall, id, err := parseRespKey(gb["response key"])
		if w, _ := wallNanos(want.CollectedAt); err != nil || wall != w || id != goldenID {
			t.Errorf("response key: wall %d id %s err %v", wall, id, err)
		}
	})
	t.Run("histogram and rollup value", func(t *testing.T) {
		h, err := decodeHist(gb["histogram"])
		if err != nil || h != goldenHist() {
			t.Errorf("histogram %v, %v", h, err)
		}
		hs, err := decodeRollup(nil, gb["rollup value"])
		if err != nil || !reflect.DeepEqual(hs, goldenRollup()) {
			t.Errorf("rollup %v, %v", hs, err)
		}
	})
	t.Run("rollup keys", func(t *testing.T) {
		day := data.DayFromDate(2024, 2, 29)
		for name, seg := range map[string]data.Segment{"rollup key, all": {}, "rollup key, channel": data.ByChannel("in person"),
			"rollup key, tag": {Name: "location", Value: "Rīga"}} {
			s, d, err := parseRollupKey(gb[name])
			if err != nil || s != seg || d != day {
				t.Errorf("%s: %v %v %v", name, s, d, err)
			}
		}
	})
	t.Run("index keys and groups", func(t *testing.T) {
		// Schema 1's groups are read by the migration to schema 2 only.
		key := gb["import-row group key"]
		if len(key) != 8+8+v1GroupLen || string(key[:16]) != string(importRowPrefix(4, 7)) {
			t.Errorf("import-row key %x", key)
		}
		var ids []data.ResponseID
		var walls [][]byte
		err := v1GroupRecords(key, 16, gb["id group value"], wallLen, func(id data.ResponseID, p []byte) {
			ids, walls = append(ids, id), append(walls, p)
		})
		if err != nil || len(ids) != 3 {
			t.Fatalf("group holds %d IDs: %v", len(ids), err)
		}
		for i, want := range []uint64{2, 1, 3} { // sorted by ID: ...07, ...08, ...09
			id := goldenID
			id[15] = byte(7 + i)
			if ids[i] != id || string(walls[i]) != string(u64Key(want)) {
				t.Errorf("record %d: %s wall %x", i, ids[i], walls[i])
			}
		}
		sid, rk, err := parseStagedKey(gb["staged key"])
		if err != nil || sid != 7 || string(rk) != string(gb["response key"]) || string(gb["staged key"][:8]) != string(u64Key(4)) {
			t.Errorf("staged key: %d %x %v", sid, rk, err)
		}
		if k := gb["external-ID key"]; string(k) != string(append(extPrefix("R_9x"), goldenID[:]...)) {
			t.Errorf("external-ID key %x", k)
		}
	})
	t.Run("survey and import records", func(t *testing.T) {
		sv, err := decodeSurvey(gb["survey value"])
		if err != nil || !reflect.DeepEqual(sv, goldenSurvey()) {
			t.Errorf("survey %+v, %v", sv, err)
		}
		rec, err := decodeImport(gb["import value"])
		if err != nil || !reflect.DeepEqual(rec, goldenImport()) {
			t.Errorf("import %+v, %v", rec, err)
		}
	})
}
