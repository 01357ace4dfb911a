#define _GNU_SOURCE
#include "gym_plugin_host.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_GUARDS 65536

/* One guarded buffer: where its guard page starts, how many values precede it, which buffer it is.
 * Read by the signal handler, so plain words, written before the buffer is handed out. */
typedef struct {
    volatile uintptr_t guard;
    volatile size_t count;
    volatile int kind;
} Guard;

static Guard guards[MAX_GUARDS];
static volatile size_t guards_used;
static int report_fd = -1;

static size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

static size_t data_pages(size_t count) {
    size_t page = page_size(), bytes = (count ? count : 1) * sizeof(double);
    return (bytes + page - 1) / page;
}

double *gym_guarded_doubles(size_t count, int kind) {
    size_t page = page_size(), pages = data_pages(count);
    size_t slot = 0;
    while (slot < guards_used && guards[slot].guard != 0) slot++;
    if (slot == MAX_GUARDS) return NULL;
    char *base = mmap(NULL, (pages + 1) * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return NULL;
    char *guard = base + pages * page;
    if (mprotect(guard, page, PROT_NONE) != 0) {
        munmap(base, (pages + 1) * page);
        return NULL;
    }
    guards[slot].count = count ? count : 1;
    guards[slot].kind = kind;
    guards[slot].guard = (uintptr_t)guard;
    if (slot == guards_used) guards_used = slot + 1;
    return (double *)(guard - (count ? count : 1) * sizeof(double));
}

void gym_guarded_release(double *buffer, size_t count) {
    if (!buffer) return;
    size_t page = page_size(), pages = data_pages(count);
    uintptr_t guard = (uintptr_t)buffer + (count ? count : 1) * sizeof(double);
    for (size_t i = 0; i < guards_used; i++) {
        if (guards[i].guard == guard) { guards[i].guard = 0; break; }
    }
    munmap((char *)guard - pages * page, (pages + 1) * page);
}

static void put32(unsigned char *p, uint32_t v) {
    p[0] = v & 0xff; p[1] = (v >> 8) & 0xff; p[2] = (v >> 16) & 0xff; p[3] = (v >> 24) & 0xff;
}

static void on_fault(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    uintptr_t address = (uintptr_t)info->si_addr;
    size_t page = page_size();
    for (size_t i = 0; i < guards_used; i++) {
        uintptr_t guard = guards[i].guard;
        if (guard != 0 && address >= guard && address < guard + page) {
            unsigned char frame[10];
            put32(frame, 6);
            frame[4] = GYM_FAULT_FRAME;
            frame[5] = (unsigned char)guards[i].kind;
            put32(frame + 6, (uint32_t)(guards[i].count + (address - guard) / sizeof(double)));
            ssize_t ignored = write(report_fd, frame, sizeof frame);
            (void)ignored;
            _exit(0);
        }
    }
    /* Not an overrun: die of the signal, so that the supervisor names it. */
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

int gym_install_fault_reporter(int fd) {
    report_fd = fd;
    /* The handler runs on its own stack, so that a plugin that overflowed its stack is still reported
     * as the signal it is rather than as a second fault. */
    static char alternate[1 << 16];
    stack_t stack = { .ss_sp = alternate, .ss_size = sizeof alternate, .ss_flags = 0 };
    if (sigaltstack(&stack, NULL) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSEGV, &action, NULL) != 0) return -1;
    if (sigaction(SIGBUS, &action, NULL) != 0) return -1;
    return 0;
}
