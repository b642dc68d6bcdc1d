package jwk

import (
	"math/big"
	"sync"
)

// curve is a JWS EC curve (RFC 7518 §6.2.1.1): its coordinate size in
// bytes, its order's size in bits and the
// parameters of its equation y² = x³ − 3x + b over GF(p) (SEC 2 §2.4.2,
// §2.5.1, §2.6.1; FIPS 186-5), enough to tell whether a point is on it
// without any curve arithmetic.
type curve struct {
	size int
	bits int
	p, b string // hexadecimal
}

// curves are the JWS EC curves.
var curves = map[string]curve{
	"P-256": {32, 256,
		"ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
		"5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"},
	"P-384": {48, 384,
		"fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
		"b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"},
	"P-521": {66, 521,
		"1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
		"51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00"},
}

var (
	ecParamsOnce sync.Once
	ecParams     map[string][2]*big.Int // p, b
)

// OnCurve reports whether (x, y) is a point of the named curve: both
// coordinates below p and y² ≡ x³ − 3x + b (mod p) (SEC 1 §3.2.2.1 steps
// 2-3). The point at infinity has no uncompressed encoding; the order
// check of step 4 is unneeded on these prime-order curves. Unknown curves
// are false.
func OnCurve(crv string, xb, yb []byte) bool {
	ecParamsOnce.Do(func() {
		ecParams = map[string][2]*big.Int{}
		for name, c := range curves {
			p, _ := new(big.Int).SetString(c.p, 16)
			b, _ := new(big.Int).SetString(c.b, 16)
			ecParams[name] = [2]*big.Int{p, b}
		}
	})
	pb, ok := ecParams[crv]
	if !ok {
		return false
	}
	p, b := pb[0], pb[1]
	x := new(big.Int).SetBytes(xb)
	y := new(big.Int).SetBytes(yb)
	if x.Cmp(p) >= 0 || y.Cmp(p) >= 0 {
		return false
	}
	rhs := new(big.Int).Mul(x, x)
	rhs.Mul(rhs, x)
	rhs.Sub(rhs, new(big.Int).Lsh(x, 1))
	rhs.Sub(rhs, x)
	rhs.Add(rhs, b)
	rhs.Mod(rhs, p)
	lhs := new(big.Int).Mul(y, y)
	lhs.Mod(lhs, p)
	return lhs.Cmp(rhs) == 0
}

// CurveSize is the size in bytes of a coordinate of the JWS EC curve crv
// (32 for P-256, 48 for P-384, 66 for P-521), 0 for other curves.
func CurveSize(crv string) int {
	return curves[crv].size
}
