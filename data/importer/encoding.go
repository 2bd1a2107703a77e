package importer

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings the importer reads, by the names Source.Encoding and
// Options.Encoding use.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	UTF16LE     = "UTF-16LE"
	UTF16BE     = "UTF-16BE"
	Windows1251 = "Windows-1251"
	Windows1252 = "Windows-1252"
	Windows1257 = "Windows-1257"
)

// Encodings lists the encodings a user may pick, each with a description
// for the picker.
var Encodings = []struct{ Name, Description string }{
	{UTF8, "Unicode (UTF-8), the usual for Google Forms, Typeform and most apps"},
	{UTF8BOM, "Unicode (UTF-8) as saved by Excel: “CSV UTF-8”"},
	{UTF16LE, "Unicode (UTF-16) as saved by Excel: “Unicode text”"},
	{UTF16BE, "Unicode (UTF-16, big-endian)"},
	{Windows1251, "Cyrillic (Windows-1251), older Russian Excel"},
	{Windows1252, "Western European (Windows-1252), older English, Italian Excel"},
	{Windows1257, "Baltic (Windows-1257), older Latvian and Lithuanian Excel"},
}

// decoderFor returns the decoder of a named encoding, nil for UTF-8, and
// the length of its byte order mark if the file has one.
func decoderFor(name string, head []byte) (enc encoding.Encoding, bom int, ok bool) {
	switch name {
	case UTF8, UTF8BOM:
		if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
			bom = 3
		}
		return nil, bom, true
	case UTF16LE:
		if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
			bom = 2
		}
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), bom, true
	case UTF16BE:
		if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
			bom = 2
		}
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), bom, true
	case Windows1251:
		return charmap.Windows1251, 0, true
	case Windows1252:
		return charmap.Windows1252, 0, true
	case Windows1257:
		return charmap.Windows1257, 0, true
	}
	return nil, 0, false
}

// detectEncoding names the encoding of a text file from its first bytes.
// guessed is true when the answer comes from letter statistics (a legacy
// code page) and the user should confirm it.
func detectEncoding(head []byte) (name string, guessed bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM, false
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return UTF16LE, false
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return UTF16BE, false
	}
	// UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte.
	sample := head
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	var even, odd int
	for i, b := range sample {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(sample) / 2
	if half >= 2 {
		if odd*10 > half*3 && even*20 < half {
			return UTF16LE, true
		}
		if even*10 > half*3 && odd*20 < half {
			return UTF16BE, true
		}
	}
	if validUTF8Prefix(head) {
		return UTF8, false
	}
	return guessCodePage(head), true
}

// validUTF8Prefix reports whether b is valid UTF-8 but for a rune cut off
// at its end (b may be the first part of a file).
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) && !utf8.FullRune(b[len(b)-cut:]) {
			return true
		}
	}
	return false
}

// Letter weights: how common a letter is in the languages written in each
// code page. Windows-1252 and -1257 share many byte values (0xE2 is â in
// one and ā in the other), so the page whose reading gives the more usual
// letters wins.
var (
	weights1252 = letterWeights("é3 è2 à2 á2 í2 ó2 ú1 ñ2 ç2 ê1 â1 ô1 ò1 ã1 õ1 ä1 ö1 ü1 ß1 î.5 ù.5 ì.5 æ.5 ø.5 å.5 œ.5 ï.3 ë.3 û.3 ÿ.1 ð.05 þ.05")
	weights1257 = letterWeights("ā3 ē2 ī2 š2 ū1.5 ž1 č1 ņ1 ļ1 ķ.7 ģ.5 ą2 ę1 ė2 į1 ų2 é1 ó.5 ä1 ö1 ü1 õ1 å.2 æ.1 ø.1 ß.2 ł.2 ń.2 ś.2 ź.2 ż.2 ć.2")
)

func letterWeights(spec string) map[rune]float64 {
	m := make(map[rune]float64)
	for _, f := range strings.Fields(spec) {
		r, n := utf8.DecodeRuneInString(f)
		w, _ := strconv.ParseFloat(f[n:], 64)
		m[r] = w
	}
	return m
}

// guessCodePage picks among Windows-1251, -1252 and -1257 by letter
// statistics. Cyrillic text in 1251 is mostly high bytes next to high bytes
// (whole words); Latin text has accented letters between ASCII letters.
func guessCodePage(head []byte) string {
	var high, pairs int
	for i, b := range head {
		if b < 0xC0 {
			continue
		}
		high++
		if (i > 0 && head[i-1] >= 0xC0) || (i+1 < len(head) && head[i+1] >= 0xC0) {
			pairs++
		}
	}
	if high > 0 && pairs*2 > high {
		return Windows1251
	}
	score := func(cm *charmap.Charmap, w map[rune]float64) float64 {
		s := 0.0
		for _, b := range head {
			if b < 0x80 {
				continue
			}
			r := cm.DecodeByte(b)
			switch {
			case unicode.IsLetter(r):
				s += w[unicode.ToLower(r)]
			case r == utf8.RuneError:
				s -= 2
			}
		}
		return s
	}
	if score(charmap.Windows1257, weights1257) > score(charmap.Windows1252, weights1252) {
		return Windows1257
	}
	return Windows1252
}

// decodeHead decodes the first bytes of a file for sniffing, dropping a
// character cut off at the end.
func decodeHead(head []byte, enc encoding.Encoding) string {
	if enc == nil {
		s := string(head)
		for !utf8.ValidString(s) && len(s) > 0 && len(head)-len(s) < 4 {
			s = s[:len(s)-1]
		}
		return s
	}
	if len(head)%2 == 1 {
		if _, ok := enc.(*charmap.Charmap); !ok {
			head = head[:len(head)-1]
		}
	}
	out, _ := io.ReadAll(transform.NewReader(bytes.NewReader(head), enc.NewDecoder()))
	return string(out)
}
