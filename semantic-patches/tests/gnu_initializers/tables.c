/* arrays of structs and a nested initializer, 2.4 style */
struct card_info {
	int id;
	const char *name;
	struct {
		int irq;
		int port;
	} res;
};

static struct card_info cards[] = {
	{ id: 1, name: "teles", res: { irq: 5, port: 0x300 } },
	{ id: 2, name: "elsa" },
};

static struct card_info defcard = {
	id:	0,
	name:	"none",
	res:	{ irq: 0, port: 0 },
};

int probe_card(int id)
{
	struct card_info local = { id: id, name: "probe" };

	return local.id;
}
