// claimcheck-gateway: claimcheck's gRPC API as HTTP/JSON, for scripts and
// spreadsheets that cannot speak gRPC. The HTTP side is grpc-gateway's
// generated reverse proxy (routes in http_rules.yaml); every request becomes
// one gRPC call to claimcheckd, and the gRPC status becomes the HTTP status
// (INVALID_ARGUMENT 400, UNAUTHENTICATED 401, NOT_FOUND 404, ...). An
// `Authorization: Bearer <token>` header is passed on to claimcheckd.
//
//	claimcheck-gateway --backend=127.0.0.1:50051 --listen=127.0.0.1:8080
//
// Prints "claimcheck-gateway: serving HTTP on HOST:PORT" on stderr once it
// listens (--listen=127.0.0.1:0 picks a free port).
package main

import (
	"flag"
	"io/ioutil"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"golang.org/x/net/context"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	gw "claimcheck/gateway/claimcheck/v1"
)

func main() {
	backend := flag.String("backend", "127.0.0.1:50051", "claimcheckd address, HOST:PORT")
	listen := flag.String("listen", "127.0.0.1:8080", "HTTP listen address, HOST:PORT (port 0 picks one)")
	backendCA := flag.String("backend_ca", "", "PEM roots to check claimcheckd's TLS certificate; empty: plaintext")
	flag.Parse()

	dial := []grpc.DialOption{grpc.WithInsecure()}
	if *backendCA != "" {
		if _, err := ioutil.ReadFile(*backendCA); err != nil {
			log.Fatalf("claimcheck-gateway: --backend_ca: %v", err)
		}
		creds, err := credentials.NewClientTLSFromFile(*backendCA, "")
		if err != nil {
			log.Fatalf("claimcheck-gateway: --backend_ca: %v", err)
		}
		dial = []grpc.DialOption{grpc.WithTransportCredentials(creds)}
	}
	// Proto field names as in the .proto (snake_case), enums by name.
	mux := runtime.NewServeMux(runtime.WithMarshalerOption(runtime.MIMEWildcard,
		&runtime.JSONPb{OrigName: true}))
	if err := gw.RegisterClaimCheckHandlerFromEndpoint(context.Background(), mux, *backend, dial); err != nil {
		log.Fatalf("claimcheck-gateway: %v", err)
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("claimcheck-gateway: --listen=%s: %v", *listen, err)
	}
	os.Stderr.WriteString("claimcheck-gateway: serving HTTP on " + listener.Addr().String() +
		", backend " + *backend + "\n")
	log.Fatal(http.Serve(listener, mux))
}
