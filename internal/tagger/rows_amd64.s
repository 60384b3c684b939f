//go:build amd64 && !purego

#include "textflag.h"

// func sumRowsAVX2(dst, init *int32, chunks int, r16 []*int16, r32 []*int32)
//
// For each chunk of 8 lanes: load init's lanes, add the lanes of every
// int16 row (sign-extended) and every int32 row, store to dst.
TEXT ·sumRowsAVX2(SB), NOSPLIT, $0-72
	MOVQ dst+0(FP), DI
	MOVQ init+8(FP), SI
	MOVQ chunks+16(FP), CX
	MOVQ r16_base+24(FP), R8
	MOVQ r16_len+32(FP), R9
	MOVQ r32_base+48(FP), R10
	MOVQ r32_len+56(FP), R11
	XORQ AX, AX // byte offset of the chunk in int32 vectors
	XORQ BX, BX // byte offset of the chunk in int16 rows

chunk:
	TESTQ CX, CX
	JZ    done
	VMOVDQU (SI)(AX*1), Y0
	XORQ    DX, DX

rows16:
	CMPQ      DX, R9
	JGE       rows32start
	MOVQ      (R8)(DX*8), R12
	VPMOVSXWD (R12)(BX*1), Y1
	VPADDD    Y1, Y0, Y0
	INCQ      DX
	JMP       rows16

rows32start:
	XORQ DX, DX

rows32:
	CMPQ   DX, R11
	JGE    store
	MOVQ   (R10)(DX*8), R12
	VPADDD (R12)(AX*1), Y0, Y0
	INCQ   DX
	JMP    rows32

store:
	VMOVDQU Y0, (DI)(AX*1)
	ADDQ    $32, AX
	ADDQ    $16, BX
	DECQ    CX
	JMP     chunk

done:
	VZEROUPPER
	RET
