package pkix

import (
	"encoding/asn1"
	"math/big"

	"github.com/authdebug/authdebug/internal/keys/jwk"
)

// MarshalPKCS1 encodes an RSA public key as RSAPublicKey (RFC 8017 A.1.1),
// as x509.MarshalPKCS1PublicKey does.
func MarshalPKCS1(k *jwk.PublicKey) ([]byte, error) {
	if k.Kty != jwk.KtyRSA || len(k.N) == 0 || len(k.E) == 0 {
		return nil, unsupported("not an RSA key")
	}
	return asn1.Marshal(pkcs1PublicKey{N: new(big.Int).SetBytes(k.N), E: new(big.Int).SetBytes(k.E)})
}

// MarshalSPKI encodes a public key as a SubjectPublicKeyInfo, as
// x509.MarshalPKIXPublicKey does.
func MarshalSPKI(k *jwk.PublicKey) ([]byte, error) {
	var alg algorithmIdentifier
	var data []byte
	switch k.Kty {
	case jwk.KtyRSA:
		der, err := MarshalPKCS1(k)
		if err != nil {
			return nil, err
		}
		alg, data = algorithmIdentifier{Algorithm: oidRSA, Parameters: asn1.NullRawValue}, der
	case jwk.KtyEC:
		size, oid := jwk.CurveSize(k.Crv), curveOIDs[k.Crv]
		if size == 0 || len(k.X) != size || len(k.Y) != size {
			return nil, unsupported("not a JWS EC key")
		}
		params, err := asn1.Marshal(oid)
		if err != nil {
			return nil, err
		}
		alg = algorithmIdentifier{Algorithm: oidEC, Parameters: asn1.RawValue{FullBytes: params}}
		data = append(append(append(make([]byte, 0, 1+2*size), 4), k.X...), k.Y...)
	case jwk.KtyOKP:
		if k.Crv != "Ed25519" || len(k.X) != 32 {
			return nil, unsupported("not an Ed25519 key")
		}
		alg, data = algorithmIdentifier{Algorithm: oidEd25519}, k.X
	default:
		return nil, unsupported("not a public key")
	}
	return asn1.Marshal(subjectPublicKeyInfo{Algorithm: alg, PublicKey: asn1.BitString{Bytes: data, BitLength: 8 * len(data)}})
}
