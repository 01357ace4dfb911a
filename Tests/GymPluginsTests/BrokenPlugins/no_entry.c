/* A shared library without the gym_plugin_v1 entry point. */
int not_a_plugin(void) { return 42; }
