// express-jwt and express-oauth2-jwt-bearer, HS256 with a local secret (no network).
const express = require("express");
const { expressjwt } = require("express-jwt");
const { auth } = require("express-oauth2-jwt-bearer");
const SECRET = "capture-secret-not-a-real-one-0123456789";
const app = express();

// express-jwt with Express's default error handler (development: HTML with the stack).
app.get("/ej", expressjwt({ secret: SECRET, algorithms: ["HS256"], audience: "orders-api" }), (req, res) => res.json({ ok: true }));

// express-jwt with the error handler its README shows.
const ej = expressjwt({ secret: SECRET, algorithms: ["HS256"], audience: "orders-api" });
app.get("/ej-json", ej, (req, res) => res.json({ ok: true }));

// express-oauth2-jwt-bearer (Auth0's SDK), symmetric secret.
app.get("/oauth2", auth({ issuer: "https://issuer.example.com/", audience: "orders-api", secret: SECRET, tokenSigningAlg: "HS256" }),
  (req, res) => res.json({ ok: true }));
// Discovery against an issuer that cannot be reached (127.0.0.1:9, nothing listens).
app.get("/oauth2-discovery", auth({ issuerBaseURL: "http://127.0.0.1:9/", audience: "orders-api" }), (req, res) => res.json({ ok: true }));

app.use("/ej-json", (err, req, res, next) => {
  res.status(err.status || 500).json({ name: err.name, code: err.code, message: err.message });
});

process.on("warning", () => {});
app.listen(+process.argv[2], "127.0.0.1");
