//! Serves the example registry on `GUIZHAN_SERVICE_ADDR` (default `127.0.0.1:3000`), with
//! one seeded project:
//!
//! ```text
//! cargo run -p guizhan-service
//! curl -i localhost:3000/projects/slimefun
//! curl -i localhost:3000/projects/nope        # 404 {"code":5000,"message":"Project not found"}
//! ```

use guizhan_service::{Project, Registry, app};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr =
        std::env::var("GUIZHAN_SERVICE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    let registry = Registry::with([Project {
        slug: "slimefun".to_owned(),
        name: "Slimefun 4".to_owned(),
    }]);
    axum::serve(listener, app(registry)).await
}
