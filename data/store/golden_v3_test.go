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

	"csatdesk/data"
)

// Golden bytes of schema version 3 (values sealed with their checksum), as
// golden_v2_test.go keeps those of schema 2: testdata/golden-v3.hex is
// written by -genfixture only when missing and never regenerated once
// schema 3 has shipped.

const goldenFileV3 = "golden-v3.hex"

// goldenValuesV3 encodes every value schema 3 changed.
func goldenValuesV3(t *testing.T) map[string][]byte {
	t.Helper()
	dc := memDict()
	e := encoder{d: dc}
	out := map[string][]byte{}
	r := goldenResponse()
	out["response value"] = slices.Clone(e.seal(mustEncode(t, &e, &r, 4)))
	minimal := data.Response{CollectedAt: goldenResponse().CollectedAt}
	out["response value, minimal"] = slices.Clone(e.seal(mustEncode(t, &e, &minimal, 0)))
	sv := goldenSurvey()
	v, err := encodeSurvey(&sv)
	if err != nil {
		t.Fatal(err)
	}
	out["survey value"] = sealSurvey(v)
	var d []byte
	for _, s := range dc.strs {
		d = appendStr(d, s)
	}
	out["dictionary"] = d
	return out
}

func readGoldenFile(t *testing.T, name string) map[string][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]byte{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, hx, ok := strings.Cut(sc.Text(), ": ")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		b, err := hex.DecodeString(hx)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = b
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGenerateGoldenV3 writes testdata/golden-v3.hex with -genfixture,
// only when it does not exist yet.
func TestGenerateGoldenV3(t *testing.T) {
	if !*genFixture {
		t.Skip("run with -args -genfixture to write the golden bytes")
	}
	path := filepath.Join("testdata", goldenFileV3)
	if _, err := os.Stat(path); err == nil {
		t.Skipf("%s exists; golden bytes of a shipped schema are never rewritten", path)
	}
	vals := goldenValuesV3(t)
	var b strings.Builder
	b.WriteString("# Golden bytes of schema version 3 (data/store/golden_v3_test.go). Never edit.\n")
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

func TestEncodingsMatchGoldenBytesV3(t *testing.T) {
	want := readGoldenFile(t, goldenFileV3)
	got := goldenValuesV3(t)
	if len(want) != len(got) {
		t.Errorf("%d golden values, the test encodes %d", len(want), len(got))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !slices.Equal(g, w) {
			t.Errorf("%s: encodes as\n%x\nwant\n%x", name, g, w)
		}
	}
}

func TestGoldenBytesV3DecodeToTheKnownValues(t *testing.T) {
	gb := readGoldenFile(t, goldenFileV3)
	dc := memDict()
	for b := gb["dictionary"]; len(b) > 0; {
		s, rest, err := readString(b)
		if err != nil {
			t.Fatal(err)
		}
		dc.strs, b = append(dc.strs, s), rest
	}
	key := appendRespKey(nil, func() uint64 { w, _ := wallNanos(goldenResponse().CollectedAt); return w }(), goldenID)
	v := gb["response value"]
	if v[0] != respCodecV3 {
		t.Fatalf("format %d", v[0])
	}
	sr, err := decodeResponse(dc, 7, key, v)
	if err != nil {
		t.Fatal(err)
	}
	want := goldenResponse()
	want.SurveyID = 7
	if err := sameStored(sr, storedResponse{Response: want, importID: 4}); err != nil {
		t.Error(err)
	}
	if min, err := decodeResponse(dc, 1, key, gb["response value, minimal"]); err != nil || min.importID != 0 || len(min.Answers) != 0 {
		t.Errorf("minimal response decodes as %+v, %v", min, err)
	}
	sv, err := decodeSurvey(gb["survey value"])
	if err != nil || !reflect.DeepEqual(sv.Questions, goldenSurvey().Questions) || sv.Name != goldenSurvey().Name {
		t.Errorf("survey decodes as %+v, %v", sv, err)
	}
	// Every single-bit flip of a sealed value is caught.
	for name, v := range gb {
		if name == "dictionary" {
			continue
		}
		for i := range v {
			bad := slices.Clone(v)
			bad[i] ^= 0x10
			var err error
			if name == "survey value" {
				_, err = decodeSurvey(bad)
			} else {
				_, err = decodeResponse(dc, 7, key, bad)
			}
			if err == nil {
				t.Errorf("%s with byte %d changed decodes without an error", name, i)
				break
			}
		}
	}
}
