//! `Display`, `message()` and the other per-code accessors of the generated code never
//! allocate: a global allocator counts every allocation made on the calling thread, while
//! each code of every bundled catalog is formatted into a fixed buffer and looked up.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::{self, Write};
use std::hint::black_box;

use errcat::astrada::AstradaCode;
use errcat::awork::AworkCode;
use errcat::guizhan::{GuizhanCode, GuizhanCodeOrUnknown};
use errcat::mode::ModeCode;

struct Counting;

thread_local! {
    // Per thread, so that tests running in parallel do not count each other's allocations.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with`: the allocator also runs while the thread's locals are being torn down.
    let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's guarantees for `layout` are passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: `ptr` was allocated by `System` through this allocator, with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` through this allocator, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn allocations_during(run: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    run();
    ALLOCATIONS.with(Cell::get) - before
}

/// A `fmt::Write` into a fixed array: formatting into it allocates nothing by itself.
struct Buffer {
    bytes: [u8; 4096],
    len: usize,
}

impl Buffer {
    fn new() -> Self {
        Buffer {
            bytes: [0; 4096],
            len: 0,
        }
    }

    fn formatted(&mut self, value: &impl fmt::Display) -> &str {
        self.len = 0;
        write!(self, "{value}").unwrap();
        std::str::from_utf8(&self.bytes[..self.len]).unwrap()
    }
}

impl Write for Buffer {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[test]
fn the_counter_sees_an_allocation() {
    // Without this, a counter that never counts would pass the test below.
    assert!(allocations_during(|| drop(black_box(String::from("allocated")))) >= 1);
    assert!(allocations_during(|| drop(black_box(ModeCode::BadRequest.to_string()))) >= 1);
}

/// Runs every accessor the catalogs share on each code and checks that none allocated.
macro_rules! assert_no_allocation {
    ($code:ty $(, $extra:ident)*) => {{
        let mut buffer = Buffer::new();
        for &code in <$code>::ALL {
            let allocations = allocations_during(|| {
                assert_eq!(buffer.formatted(&code), code.message());
                black_box(code.status());
                black_box(code.description());
                black_box(code.is_success());
                assert_eq!(<$code>::from_code(black_box(code.code())), Some(code));
                $(black_box(code.$extra());)*
            });
            assert_eq!(allocations, 0, "{code:?} allocated");
        }
    }};
}

#[test]
fn display_and_accessors_of_every_code_do_not_allocate() {
    assert_no_allocation!(ModeCode, link);
    assert_no_allocation!(GuizhanCode, group, link);
    assert_no_allocation!(AstradaCode, group, link, type_uri);
    assert_no_allocation!(AworkCode, link);
}

#[test]
fn display_of_wire_codes_does_not_allocate() {
    let mut buffer = Buffer::new();
    let known = GuizhanCodeOrUnknown::Known(GuizhanCode::ProjectNotFound);
    let unknown = GuizhanCodeOrUnknown::Unknown(7777);
    let allocations = allocations_during(|| {
        assert_eq!(buffer.formatted(&known), "Project not found");
        assert_eq!(buffer.formatted(&unknown), "unknown code 7777");
    });
    assert_eq!(allocations, 0);
}

#[test]
fn localized_messages_tags_and_negotiation_do_not_allocate() {
    use errcat::awork::{AworkError, AworkLocale};
    use errcat::guizhan::{GuizhanLocale, GuizhanResponse};
    let allocations = allocations_during(|| {
        for &locale in GuizhanLocale::ALL {
            for &code in GuizhanCode::ALL {
                black_box(code.message_in(black_box(locale)));
                black_box(GuizhanResponse::from_code_in(code, locale));
            }
            assert_eq!(
                GuizhanLocale::from_tag(black_box(locale.tag())),
                Some(locale)
            );
        }
        for &locale in AworkLocale::ALL {
            for &code in AworkCode::ALL {
                black_box(code.message_in(black_box(locale)));
                black_box(AworkError::from_code_in(code, locale));
            }
        }
        assert_eq!(
            GuizhanLocale::negotiate(black_box("zh-Hans-CN,zh;q=0.9,en;q=0.8,*;q=0.1")),
            GuizhanLocale::ZhCn
        );
        assert_eq!(
            AworkLocale::negotiate(black_box("de-AT;q=0.9, en;q=0, fr")),
            AworkLocale::De
        );
        black_box(GuizhanLocale::from_tag(black_box("zh-Hant-TW")));
    });
    assert_eq!(allocations, 0);
}
