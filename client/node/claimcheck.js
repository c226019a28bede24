// A small claimcheck client for Node: loads proto/claimcheck/v1/claimcheck.proto
// at run time with @grpc/proto-loader (no generated code) and talks gRPC with
// @grpc/grpc-js. Every method of the service is on the returned client, with
// the proto's field names (snake_case), enums as names and 64-bit integers as
// strings:
//
//   const { connect, call } = require('./claimcheck');
//   const client = connect('127.0.0.1:50051');
//   const verdict = await call(client, 'VerifyQuote',
//                              { text: 'very good', claimed_speaker: 'Donald Trump' });
//   console.log(verdict.verdict);  // 'VERDICT_SUPPORTED'
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

// The repository's proto folder; CLAIMCHECK_PROTO_DIR overrides it when this
// file is copied elsewhere.
const PROTO_DIR =
  process.env.CLAIMCHECK_PROTO_DIR || path.join(__dirname, '..', '..', 'proto');

// Loads the service definition once.
function loadService() {
  const definition = protoLoader.loadSync('claimcheck/v1/claimcheck.proto', {
    includeDirs: [PROTO_DIR],
    keepCase: true, // field names as in the proto: claimed_speaker
    longs: String, // int64 counts arrive as strings, as in proto3 JSON
    enums: String, // 'VERDICT_SUPPORTED', not 1
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).claimcheck.v1.ClaimCheck;
}

// A client for `target` ("host:port"). Options: `token` (sent as
// `authorization: Bearer <token>` on every call; writes need it when the
// server has one), `rootCerts` (a Buffer of PEM roots: switches to TLS).
function connect(target, options = {}) {
  const ClaimCheck = loadService();
  const credentials = options.rootCerts
    ? grpc.credentials.createSsl(options.rootCerts)
    : grpc.credentials.createInsecure();
  const client = new ClaimCheck(target, credentials);
  client.claimcheckToken = options.token || '';
  return client;
}

// Calls a unary `method` with `request`; resolves with the response, rejects
// with the gRPC error (its `code` is a grpc.status number, `details` the
// server's message). `deadlineMs` bounds the call (default 10 s).
function call(client, method, request, deadlineMs = 10000) {
  const metadata = new grpc.Metadata();
  if (client.claimcheckToken) {
    metadata.add('authorization', `Bearer ${client.claimcheckToken}`);
  }
  const deadline = new Date(Date.now() + deadlineMs);
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline }, (err, response) =>
      err ? reject(err) : resolve(response)
    );
  });
}

module.exports = { connect, call, grpc };
