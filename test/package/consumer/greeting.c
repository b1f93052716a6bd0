/* A C source in the consumer: nd_enable_checks sets C_CLANG_TIDY as well. */
const char* nd_consumer_greeting(void) { return "nd consumer"; }
