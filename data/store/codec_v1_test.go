package store

import (
	"encoding/binary"
	"testing"

	"csatdesk/data"
)

// memDict is a dictionary outside any transaction, for encoding tests:
// strings are added to it in memory.
func memDict() *dict { return &dict{loaded: true} }

// mustEncode encodes r with e (format 2) or fails the test.
func mustEncode(t testing.TB, e *encoder, r *data.Response, importID uint64) []byte {
	t.Helper()
	v, err := e.encodeResponse(r, importID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// encodeV1 returns r as schema 1's code encoded it (format 1): every
// field in order, strings in full. Only tests write format 1 now (the
// golden bytes of schema 1, old values for the migration and the fuzzer).
func encodeV1(r *data.Response, importID uint64) []byte {
	var e encoder
	e.extract(r)
	b := []byte{respCodecV1}
	var flags uint64
	if !r.EnteredAt.IsZero() {
		flags |= flagEntered
	}
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, importID)
	b = binary.AppendVarint(b, int64(r.SurveyVersion))
	_, off := r.CollectedAt.Zone()
	b = binary.AppendVarint(b, int64(off))
	if flags&flagEntered != 0 {
		_, eoff := r.EnteredAt.Zone()
		b = binary.AppendVarint(b, r.EnteredAt.Unix())
		b = binary.AppendUvarint(b, uint64(r.EnteredAt.Nanosecond()))
		b = binary.AppendVarint(b, int64(eoff))
	}
	b = appendStr(b, r.Source)
	b = appendStr(b, r.Channel)
	b = appendStr(b, r.FormNumber)
	b = appendStr(b, r.ExternalID)
	b = appendStr(b, r.Comment)
	b = binary.AppendUvarint(b, uint64(len(e.tags)))
	for _, t := range e.tags {
		b = appendStr(b, t.k)
		b = appendStr(b, t.v)
	}
	b = binary.AppendUvarint(b, uint64(len(e.ans)))
	for _, a := range e.ans {
		b = binary.AppendUvarint(b, uint64(a.q))
		b = binary.AppendVarint(b, int64(a.v))
	}
	b = binary.AppendUvarint(b, uint64(len(e.texts)))
	for _, t := range e.texts {
		b = binary.AppendUvarint(b, uint64(t.q))
		b = appendStr(b, t.t)
	}
	return b
}
