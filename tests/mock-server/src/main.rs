//! `pancake-mock`: a stateful fake Pancake API server on loopback, for tests and demos.
//!
//! `pancake-mock --port 0 --seed 42` prints `http://127.0.0.1:PORT` as its first line and
//! serves until SIGTERM or SIGINT. See `tests/mock-server/README.md`.

mod args;
mod data;
mod faults;
mod ratelimit;
mod routes;
mod state;
mod webhooks;

use std::future::IntoFuture;
use std::io::Write;
use std::sync::{Arc, Mutex};

use clap::Parser;

use crate::args::Args;
use crate::faults::Fault;
use crate::ratelimit::Limiter;
use crate::state::AppState;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let faults: Vec<Fault> = match args.faults.iter().map(|f| Fault::parse(f)).collect() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("pancake-mock: {e}");
            std::process::exit(2);
        }
    };
    let store = data::generate(args.seed, &data::Sizes::from(&args));
    let hooks = match webhooks::Webhooks::start(args.webhook_url.as_deref()) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("pancake-mock: {e}");
            std::process::exit(2);
        }
    };
    let state = Arc::new(AppState {
        store: Mutex::new(store.clone()),
        initial: store,
        limiter: Mutex::new(Limiter::new(args.rate_limit.0)),
        faults: Mutex::new(faults.clone()),
        initial_faults: faults,
        journal: Mutex::new(Vec::new()),
        auth_status: args.auth_style == "status",
        webhooks: hooks,
    });
    if state.webhooks.enabled() && args.webhook_interval_ms > 0 {
        let st = state.clone();
        let every = std::time::Duration::from_millis(args.webhook_interval_ms);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                routes::simulate_customer_message(&st, None, None, None);
            }
        });
    }
    let listener = match tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("pancake-mock: cannot bind {}:{}: {e}", args.host, args.port);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().expect("bound address");
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{addr}");
        let _ = out.flush();
    }
    let app = routes::router(state);
    // Graceful shutdown lets in-flight requests finish, but a request held by a `delay_ms`
    // fault must not keep the process alive: give up waiting after a few seconds.
    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown().await;
        let _ = stopping_tx.send(());
    });
    let deadline = async move {
        if stopping_rx.await.is_ok() {
            tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        result = server.into_future() => {
            if let Err(e) = result {
                eprintln!("pancake-mock: {e}");
                std::process::exit(1);
            }
        }
        () = deadline => eprintln!("pancake-mock: requests still in flight after 3 s, exiting"),
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => eprintln!("pancake-mock: SIGINT, shutting down"),
        _ = term => eprintln!("pancake-mock: SIGTERM, shutting down"),
    }
}
