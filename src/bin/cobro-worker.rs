//! Entry point of the backup worker's module (see `cobro::worker`): listen for jobs.
fn main() {
    console_error_panic_hook::set_once();
    cobro::worker::serve();
}
