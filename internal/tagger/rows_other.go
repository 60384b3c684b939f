//go:build !amd64 || purego

package tagger

const useAVX2 = false

func sumRowsAVX2(dst, init *int32, chunks int, r16 []*int16, r32 []*int32) {
	panic("tagger: no vector code on this platform")
}
