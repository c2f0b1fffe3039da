/* 2.4 kernel thread pinning its own module, exits via complete_and_exit */
#include <linux/module.h>
#include <linux/completion.h>

static DECLARE_COMPLETION(khubd_exited);
static int khubd_running;

static int khubd(void *__unused)
{
	MOD_INC_USE_COUNT;
	daemonize();
	strcpy(current->comm, "khubd");
	while (khubd_running) {
		hub_events();
		wait_event_interruptible(khubd_wait, !list_empty(&hub_event_list));
	}
	MOD_DEC_USE_COUNT;
	complete_and_exit(&khubd_exited, 0);
}

int hub_start(void)
{
	int pid;

	khubd_running = 1;
	pid = kernel_thread(khubd, NULL, CLONE_FS | CLONE_FILES | CLONE_SIGHAND);
	return pid < 0 ? pid : 0;
}
